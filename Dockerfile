# The worker image of docker-compose.yml: the locked environment plus the project.
FROM python:3.11-slim
WORKDIR /app
COPY requirements.lock pyproject.toml README.md ./
# --no-deps: the lock pins every dependency with its hash; installing it as written skips a second resolve
RUN pip install --no-cache-dir --no-deps --require-hashes -r requirements.lock && pip check
COPY . .
RUN pip install --no-cache-dir --no-deps -e .
ENTRYPOINT []
