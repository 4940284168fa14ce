"""A page's rows in other tables (synonyms, codes, links, routes...) read inside the page's query.

Prefetching costs a query per relation, and modelcluster's prefetch path costs about a
millisecond of Python each on top: on a condition's detail, its synonyms and codes took longer
than the page itself. On PostgreSQL, :func:`inline` instead adds one column per relation to the
page's query, a JSON array of the related rows (a correlated subquery, in the related model's
own ordering), and turns each array back into model instances as the page is loaded. They land
where a prefetch puts them, so ``page.synonyms.all()`` and the content digest read them without
a query, exactly as after ``prefetch_related``. On other databases it simply prefetches.

A relation is a reverse foreign key (a ``ParentalKey`` or ``ForeignKey`` to the page's primary
key) or a many-to-many field of the page. Every concrete field of a related row is read; values
come back as JSON and go through each field's ``to_python``, which gives back what the database
would for text, integers, booleans, dates, times, UUIDs and plain JSON. A field it would not
(a decimal, binary data, a JSON field with its own decoder, a field converting values from the
database itself) is refused when the queryset is built. ``Inline.select`` adds a foreign key's
target, with only the named fields, as ``select_related(...).only(...)`` would.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db import connections, models
from django.db.models import F, Func, OuterRef, Subquery
from django.db.models.query import ModelIterable
from modelcluster.queryset import FakeQuerySet

_PREFIX = "_inlined_"


@dataclass(frozen=True)
class Inline:
    """A relation to inline; ``select`` maps a foreign key of the related rows to the fields
    of its target to read with them (e.g. ``{"condition": ("translation_key",)}``)."""

    name: str
    select: dict[str, tuple[str, ...]] = field(default_factory=dict)


def inline(queryset: models.QuerySet, *relations: str | Inline) -> models.QuerySet:
    """``queryset.prefetch_related(...)`` of ``relations``, in the same query on PostgreSQL."""
    relations = tuple(Inline(item) if isinstance(item, str) else item for item in relations)
    if connections[queryset.db].vendor != "postgresql":
        return queryset.prefetch_related(*(_prefetch(queryset.model, item) for item in relations))
    plans = tuple(_Plan(queryset.model, item) for item in relations)
    annotated = queryset.annotate(**{_PREFIX + plan.name: plan.subquery() for plan in plans})
    annotated._iterable_class = type("InliningIterable", (_InliningIterable,), {"plans": plans})
    return annotated


def _prefetch(model: type[models.Model], item: Inline) -> str | models.Prefetch:
    if not item.select:
        return item.name
    related = _Plan(model, item).model
    fields = [f"{key}__{name}" for key, names in item.select.items() for name in names]
    only = [f.name for f in related._meta.concrete_fields] + fields
    queryset = related._base_manager.select_related(*item.select).only(*only)
    return models.Prefetch(item.name, queryset=queryset)


class _JsonArray(Subquery):
    """The subquery's single column over all its rows, as one JSON array (text)."""

    template = "ARRAY_TO_JSON(ARRAY(%(subquery)s))::text"
    output_field = models.TextField()


def json_rows(queryset: models.QuerySet, *values: str | models.Expression) -> Subquery:
    """A column of an outer query (PostgreSQL): the rows of ``queryset`` (which may refer to
    the outer row with ``OuterRef``), in its order, each a JSON array of ``values``, as the
    text of one JSON array. ``json.loads`` gives the list of rows back."""
    expressions = [F(value) if isinstance(value, str) else value for value in values]
    row = Func(*expressions, function="JSON_BUILD_ARRAY", output_field=models.JSONField())
    return _JsonArray(queryset.annotate(_row=row).values("_row"))


class _Plan:
    """How one relation is read: which rows, which of their values, and where they go."""

    def __init__(self, model: type[models.Model], item: Inline):
        relation = model._meta.get_field(item.name)
        self.name = item.name
        if type(relation) is models.ManyToOneRel:
            if relation.field.target_field != model._meta.pk:
                raise TypeError(f"{model.__name__}.{item.name} is not keyed by the primary key")
            self.model = relation.related_model
            self.filter = relation.field.attname
            self.parent_field = relation.field  # each row's foreign key to the page
        elif relation.many_to_many and not relation.auto_created:
            self.model = relation.related_model
            self.filter = relation.related_query_name()
            self.parent_field = None
        else:
            raise TypeError(f"{model.__name__}.{item.name} is not a reverse foreign key or m2m")
        self.fields = list(self.model._meta.concrete_fields)
        # (foreign key of the row, its target's model, the target's fields read)
        self.selected = []
        for key, names in item.select.items():
            target = self.model._meta.get_field(key).related_model
            # Its keys (a page's own and its base page's), then the named fields: in the
            # model's field order, which ``from_db`` expects of a partial row.
            fields = [f for f in target._meta.concrete_fields if f.primary_key or f.name in names]
            self.selected.append((self.model._meta.get_field(key), target, fields))
        for f in [*self.fields, *(f for _, _, fields in self.selected for f in fields)]:
            _check(f)

    def subquery(self) -> Subquery:
        values = [f.attname for f in self.fields] + [
            f"{key.name}__{f.attname}" for key, _, fields in self.selected for f in fields
        ]
        rows = self.model._base_manager.filter(**{self.filter: OuterRef("pk")}).order_by(
            *(self.model._meta.ordering or []), "pk"
        )
        return json_rows(rows, *values)

    def instances(self, data: str, parent: models.Model, db: str) -> list[models.Model]:
        own = len(self.fields)
        names = [f.attname for f in self.fields]
        made = []
        for row in json.loads(data):
            obj = self.model.from_db(db, names, _values(self.fields, row[:own]))
            at = own
            for key, target, fields in self.selected:
                values = row[at : at + len(fields)]
                at += len(fields)
                if values[0] is not None:
                    names_read = [f.attname for f in fields]
                    related = target.from_db(db, names_read, _values(fields, values))
                    key.set_cached_value(obj, related)
            if self.parent_field is not None:
                self.parent_field.set_cached_value(obj, parent)
            made.append(obj)
        return made


def _check(field: models.Field) -> None:
    """Refuse a field whose JSON value ``to_python`` would not turn into what the database
    gives Django (see the module's docstring)."""
    if isinstance(field, models.JSONField):
        if field.decoder is None:
            return
    elif not isinstance(field, models.DecimalField | models.BinaryField) and not hasattr(
        field, "from_db_value"
    ):
        return
    raise TypeError(f"{field} cannot be read back from JSON as the database gives it")


def _values(fields: list[models.Field], values: list) -> list:
    return [f.to_python(value) for f, value in zip(fields, values, strict=True)]


class _InliningIterable(ModelIterable):
    plans: tuple[_Plan, ...] = ()

    def __iter__(self):
        db = self.queryset.db
        for obj in super().__iter__():
            cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
            for plan in self.plans:
                data = obj.__dict__.pop(_PREFIX + plan.name)
                cache[plan.name] = FakeQuerySet(plan.model, plan.instances(data, obj, db))
            yield obj
