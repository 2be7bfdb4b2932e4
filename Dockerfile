FROM python:3.11-slim
WORKDIR /srv
# PyICU compiles against the system's ICU (word breaks, the Zawgyi-my transform).
RUN apt-get update && apt-get install -y --no-install-recommends build-essential pkg-config \
    libicu-dev && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY verify verify
COPY schemas schemas
COPY tasks tasks
COPY migrations migrations
COPY wsgi.py ./
RUN pip install --no-cache-dir . && mkdir -p /srv/instance && useradd --system verify \
    && chown verify /srv/instance
USER verify
EXPOSE 5000
