"""marshmallow schemas: the one contract for input, output, errors and the OpenAPI document."""
