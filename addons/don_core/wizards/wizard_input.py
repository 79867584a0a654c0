# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a client sends to a DON wizard, checked before it is stored: the
database would otherwise answer a missing required value, an id that does
not exist or a NUL byte with a server error instead of a clear message."""

from odoo.exceptions import ValidationError


def _command_ids(model, value):
    """The ids a client names in the commands of a many2many value."""
    ids = []
    for command in value or ():
        if not isinstance(command, (list, tuple)) or not command:
            raise ValidationError(model.env._("The form sent an unknown choice."))
        if command[0] == 6:
            ids.extend(command[2] or ())
        elif command[0] == 4:
            ids.append(command[1])
    return ids


def clean_wizard_vals(model, vals, create=False):
    """``vals`` for ``model`` (a wizard) without NUL bytes, with every
    required field filled and every chosen record existing (on ``create``,
    the required fields the client left out get their defaults first)."""
    if create:
        missing = [
            name
            for name, field in model._fields.items()
            if field.required and field.store and not field.compute and name not in vals
        ]
        vals = {**model.default_get(missing), **vals}
        for name in missing:
            vals.setdefault(name, False)
    vals = {
        name: value.replace("\x00", "") if isinstance(value, str) else value
        for name, value in vals.items()
    }
    for name, value in vals.items():
        field = model._fields.get(name)
        if field is None:
            continue
        label = field._description_string(model.env)
        if field.required and not value and field.type not in ("boolean", "integer", "float"):
            raise ValidationError(model.env._("Fill in %(field)s.", field=label))
        if field.type == "many2one" and value:
            ids = [value]
        elif field.type == "many2many":
            ids = _command_ids(model, value)
        else:
            continue
        if not all(isinstance(record_id, int) and record_id > 0 for record_id in ids):
            raise ValidationError(
                model.env._("%(field)s: this choice does not exist.", field=label)
            )
        # sudo: only whether the ids exist (their access is checked where
        # they are used); no content is read.
        if len(model.env[field.comodel_name].sudo().browse(ids).exists()) != len(set(ids)):
            raise ValidationError(
                model.env._("%(field)s: this choice does not exist (any more).", field=label)
            )
    return vals
