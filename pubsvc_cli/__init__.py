"""pubsvc — compliance checker for Chinese public-service five-year plans."""

__version__ = "0.1.0"
