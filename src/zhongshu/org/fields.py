"""Form fields for organisation objects, used by this app's forms and by other apps':
a unit select in tree order, and a person picker that searches by name and shows the
unit (two 张伟 are told apart) without rendering thousands of options."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator
from django.urls import reverse_lazy

from .models import Person, Unit
from .tree import tree_order


class _TreeIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit in tree_order(self.queryset):
            yield self.choice(unit)


class FastSelect(forms.Select):
    """Options written in one template loop: hundreds of units render in milliseconds."""

    template_name = "org/widgets/select.html"


class FastSelectMultiple(forms.SelectMultiple):
    template_name = "org/widgets/select.html"


class UnitChoiceField(forms.ModelChoiceField):
    """Units in tree order, indented by depth; the value is the unit's uuid."""

    iterator = _TreeIterator
    widget = FastSelect

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("to_field_name", "uuid")
        super().__init__(queryset if queryset is not None else Unit.objects.none(), **kwargs)

    def label_from_instance(self, obj: Unit) -> str:
        return "\u3000" * obj.depth + obj.name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = _TreeIterator
    widget = FastSelectMultiple

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("to_field_name", "uuid")
        super().__init__(queryset if queryset is not None else Unit.objects.none(), **kwargs)

    def label_from_instance(self, obj: Unit) -> str:
        return "\u3000" * obj.depth + obj.name


class PersonPickerWidget(forms.Select):
    """A search box that fills the select from ``org:person_picker`` (htmx); only the
    chosen person is rendered, never the whole directory."""

    template_name = "org/widgets/person_picker.html"
    picker_url = reverse_lazy("org:person_picker")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["picker_url"] = self.picker_url
        return context

    def optgroups(self, name, value, attrs=None):
        chosen = [v for v in value if v]
        people = Person.objects.select_related("unit").filter(uuid__in=chosen) if chosen else []
        options = [self.create_option(name, "", "—— 请搜索选择 ——", not chosen, 0)]
        for index, person in enumerate(people, start=1):
            options.append(self.create_option(name, str(person.uuid), person.label, True, index))
        return [(None, options, 0)]

    def format_value(self, value):
        if value is None:
            return []
        if isinstance(value, Person):
            return [str(value.uuid)]
        return [str(v) for v in (value if isinstance(value, list | tuple) else [value])]


class PersonChoiceField(forms.ModelChoiceField):
    """Pick a person by uuid; the label carries the unit: 张伟（区财政局）."""

    widget = PersonPickerWidget

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("to_field_name", "uuid")
        queryset = queryset if queryset is not None else Person.objects.none()
        super().__init__(queryset.select_related("unit"), **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        return obj.label

    def prepare_value(self, value):
        if isinstance(value, Person):
            return str(value.uuid)
        return super().prepare_value(value)
