"""Entities: actors and places with their aliases."""

from marshmallow import ValidationError, fields, validate, validates_schema

from schemas.base import BaseSchema, PageQuerySchema, Text, Timestamp, not_blank, page_schema
from verify.models.entity import ENTITY_TYPES


class EntitySchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    slug = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=100), validate.Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")],
        metadata={"description": "A stable lower-case id, e.g. 'lashio'."},
    )
    type = fields.String(required=True, validate=validate.OneOf(ENTITY_TYPES))
    name = Text(200, required=True)
    aliases = fields.List(
        fields.String(validate=[validate.Length(min=1, max=200), not_blank]),
        validate=validate.Length(max=100),
        load_default=list,
        metadata={"description": "Other names, in any script (Latin, Burmese, Chinese...)."},
    )
    admin1 = fields.String(validate=validate.Length(max=200), allow_none=True)
    country = fields.String(validate=validate.Length(max=100), allow_none=True)
    latitude = fields.Float(validate=validate.Range(min=-90, max=90), allow_none=True)
    longitude = fields.Float(validate=validate.Range(min=-180, max=180), allow_none=True)
    seat = fields.String(
        validate=[validate.Length(min=1, max=100), validate.Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")],
        allow_none=True,
        metadata={
            "description": "For an actor: the slug of the place where it sits, e.g. 'lashio' "
            "for a regional command; a passage naming the actor is then about that place."
        },
    )
    version = fields.Integer(dump_only=True)
    created_at = Timestamp(dump_only=True)
    updated_at = Timestamp(dump_only=True)

    @validates_schema
    def coordinates_together(self, data, partial=None, **kwargs):
        """A place's latitude and longitude are given together or not at all."""
        if ("latitude" in data) != ("longitude" in data) and not partial:
            raise ValidationError("Give latitude and longitude together.", field_name="latitude")
        if data.get("type") == "actor" and data.get("latitude") is not None:
            raise ValidationError("Only places have coordinates.", field_name="latitude")
        if data.get("type") == "place" and data.get("seat") is not None:
            raise ValidationError("Only actors have a seat.", field_name="seat")


class EntityPatchSchema(EntitySchema):
    """The fields of an entity to change; any subset."""


class EntityQuerySchema(PageQuerySchema):
    type = fields.String(validate=validate.OneOf(ENTITY_TYPES))
    q = fields.String(
        validate=validate.Length(min=1, max=100), metadata={"description": "In a name."}
    )


EntityPageSchema = page_schema(EntitySchema, "EntityPage")
