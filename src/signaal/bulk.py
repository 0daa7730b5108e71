"""Inserting many model instances in one statement, for the ingest path.

``QuerySet.bulk_create`` builds its statement value by value through the fields' full
preparation (expressions, placeholders, ``get_db_prep_save``): for a batch of interactions
with their turns, signals and behaviours that is ~40% of an ingest, while running the
statement is ~3%. ``bulk_insert`` writes the same rows with one adapter per column, chosen
once per model from the field's type, and the same parameterised statement (identifiers
quoted by the backend, values always parameters, never formatted into the SQL): on
PostgreSQL one array per column through ``UNNEST``, as ``bulk_create`` does there.

It does what ``bulk_create`` does for plain rows: ``auto_now``/``auto_now_add`` values,
primary keys set on the instances (``RETURNING``, PostgreSQL and SQLite 3.35+), batches
within the backend's parameter limit. It sends no signals and calls no ``save()``, like
``bulk_create``; instances with expressions as values are not supported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, TypeVar

from django.db import connections, models, router

# Field types whose Python value is what the database drivers take as it is (Django's own
# preparation returns the value unchanged for these, apart from int()/float()/str() casts).
_AS_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
        "CharField",
        "TextField",
        "SlugField",
        "EmailField",
        "BooleanField",
        "FloatField",
        "ForeignKey",
        "OneToOneField",
    }
)


M = TypeVar("M", bound=models.Model)


def _adapter(field: models.Field[Any, Any], connection: Any) -> Callable[[Any], Any] | None:
    kind = field.get_internal_type()
    if kind in _AS_IS:
        return None
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value  # type: ignore[no-any-return]
    return lambda value: field.get_db_prep_save(value, connection)


def bulk_insert(
    objs: Sequence[M], *, ignore_conflicts: bool = False, using: str | None = None
) -> None:
    """Insert ``objs`` (all of one model, not yet saved) and set their primary keys.

    With ``ignore_conflicts`` rows that break a unique constraint are skipped (``ON CONFLICT
    DO NOTHING``) and no primary keys are set, as with ``bulk_create``.
    """
    if not objs:
        return
    model = type(objs[0])
    meta = model._meta
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    pk = meta.pk
    assert pk is not None
    fields = [
        f for f in meta.concrete_fields if not (f is pk and getattr(objs[0], f.attname) is None)
    ]
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    # Foreign keys given as objects saved after they were given (a new case for a new
    # interaction) have their id only on the object, as bulk_create reads it.
    relations = [f for f in fields if f.is_relation]
    adapters = [_adapter(f, connection) for f in fields]
    values_of = attrgetter(*[f.attname for f in fields])
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column or f.attname) for f in fields)
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) "
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # PostgreSQL: one array per column (``UNNEST``, as bulk_create does there), a handful of
    # parameters instead of thousands. Not for rows with JSON documents: in an array literal
    # every quote in them is escaped and read back again, which costs more than it saves
    # (interactions with their analysis: 0.6 ms a row against 0.3 ms as VALUES).
    unnest = ""
    if connection.vendor == "postgresql" and not any(
        f.get_internal_type() == "JSONField" for f in fields
    ):
        types = [f.db_type(connection).split("(")[0] for f in fields]  # type: ignore[union-attr]
        unnest = "SELECT * FROM UNNEST(" + ", ".join(f"(%s)::{t}[]" for t in types) + ")"
    tail = (
        " ON CONFLICT DO NOTHING"
        if ignore_conflicts
        else f" RETURNING {quote(pk.column or pk.attname)}"
    )
    size = max(1, connection.ops.bulk_batch_size(fields, objs))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            chunk = objs[start : start + size]
            params: list[Any] = []
            for obj in chunk:
                for field in stamped:
                    field.pre_save(obj, add=True)
                for field in relations:
                    if getattr(obj, field.attname) is None and field.is_cached(obj):  # type: ignore[attr-defined]
                        target = field.get_cached_value(obj)  # type: ignore[attr-defined]
                        if target is not None:
                            setattr(obj, field.attname, target.pk)
                values = values_of(obj)
                if len(fields) == 1:
                    values = (values,)
                params.append(
                    [
                        value if adapt is None else adapt(value)
                        for value, adapt in zip(values, adapters, strict=True)
                    ]
                )
            if unnest and len(chunk) > 1:
                cursor.execute(head + unnest + tail, [list(c) for c in zip(*params, strict=True)])
            else:
                flat = [value for values in params for value in values]
                cursor.execute(head + "VALUES " + ", ".join([row] * len(chunk)) + tail, flat)
            if ignore_conflicts:
                continue
            for obj, (key,) in zip(chunk, cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, key)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias
