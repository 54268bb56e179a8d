"""`newsetl report`: a self-contained HTML look at the data for people without a BI tool."""
