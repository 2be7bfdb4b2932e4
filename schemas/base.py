"""Base schema and shared fields."""

from datetime import UTC

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from verify.limits import unstorable
from verify.pagination import BadCursor, decode_cursor

MAX_PAGE = 100


class BaseSchema(Schema):
    """Rejects unknown fields and values no database can store, and names read-only fields."""

    class Meta:
        unknown = RAISE
        ordered = True

    def load(self, data, **kwargs):
        """Load, reporting read-only fields by name along with every other error."""
        read_only = {}
        if isinstance(data, dict):
            read_only = {
                key: ["Read-only field."]
                for name, field in self.fields.items()
                if field.dump_only and (key := field.data_key or name) in data
            }
            data = {key: value for key, value in data.items() if key not in read_only}
        try:
            loaded = super().load(data, **kwargs)
        except ValidationError as error:
            raise ValidationError({**error.messages, **read_only}) from None
        if read_only:
            raise ValidationError(read_only)
        # Checked on what was loaded, so that every field (text, tag, alias, id, count, query
        # parameter) is covered, and named by the key the caller sent.
        keys = {
            field.attribute or name: field.data_key or name for name, field in self.fields.items()
        }
        problems = {
            keys.get(name, name): [problem]
            for name, value in (loaded.items() if isinstance(loaded, dict) else ())
            if (problem := unstorable(value))
        }
        if problems:
            raise ValidationError(problems)
        return loaded


class _UTCDateTime(fields.AwareDateTime):
    """An aware date-time that must also be a time in UTC (the calendar's edges are not)."""

    def _deserialize(self, value, attr, data, **kwargs):
        loaded = super()._deserialize(value, attr, data, **kwargs)
        try:
            loaded.astimezone(UTC)
        except OverflowError:
            raise ValidationError("Out of range: not a time in UTC.") from None
        return loaded


def Timestamp(**kwargs):  # noqa: N802 - reads as a field type
    """An ISO 8601 date-time; a value without a zone is taken as UTC."""
    return _UTCDateTime(default_timezone=UTC, **kwargs)


def not_blank(value: str) -> bool:
    """Validator: the text holds something besides white space, anywhere in it."""
    if not value.strip():
        raise ValidationError("Must not be blank.")
    return True


class _Text(fields.String):
    """A string whose surrounding white space is dropped (as pasted from a page, it is noise)."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


def Text(max_length: int, required: bool = False, **kwargs):  # noqa: N802
    """A string of 1..max_length characters, stripped, that is not only white space."""
    return _Text(
        required=required,
        validate=[validate.Length(min=1, max=max_length), not_blank],
        **kwargs,
    )


class Cursor(fields.String):
    """An opaque pagination cursor, loaded as the id it points after."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return decode_cursor(super()._deserialize(value, attr, data, **kwargs))
        except BadCursor:
            raise ValidationError("Not a cursor this API issued.") from None


class PageQuerySchema(BaseSchema):
    limit = fields.Integer(
        load_default=20,
        validate=validate.Range(min=1, max=MAX_PAGE),
        metadata={"description": f"Page size, at most {MAX_PAGE}."},
    )
    cursor = Cursor(metadata={"description": "The `next` value of the previous page."})


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """A page of items with the cursor of the next page (null on the last)."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema)),
            "next": fields.String(allow_none=True),
        },
        name=name,
    )


class ErrorSchema(Schema):
    code = fields.String(metadata={"description": "Machine-readable error code."})
    status = fields.Integer()
    message = fields.String()
    errors = fields.Dict(metadata={"description": "Messages per field at fault."})
