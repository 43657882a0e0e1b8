def test_choice_display_reads_labels_from_a_map_built_once_per_field():
    from zhongshu.framework.models import _CHOICE_LABELS
    from zhongshu.tracking.models import TrackedItem

    item = TrackedItem(state="in_progress")
    assert item.get_state_display() == "办理中"
    field = TrackedItem._meta.get_field("state")
    assert _CHOICE_LABELS in field.__dict__
    item.state = "no_such_state"  # a value outside the choices shows as it is, as in Django
    assert item.get_state_display() == "no_such_state"
