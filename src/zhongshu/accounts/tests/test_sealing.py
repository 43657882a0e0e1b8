import pytest
from django.test import override_settings

from zhongshu.accounts.sealing import PREFIX, UnsealError, seal, unseal


def test_sealed_secret_round_trips_and_hides_the_value():
    sealed = seal("JBSWY3DPEHPK3PXP", purpose="totp")
    assert sealed.startswith(PREFIX) and "JBSWY3DPEHPK3PXP" not in sealed
    assert unseal(sealed, purpose="totp") == "JBSWY3DPEHPK3PXP"
    assert seal("JBSWY3DPEHPK3PXP", purpose="totp") != sealed  # a fresh nonce each time


def test_unsealed_legacy_value_is_read_as_it_is():
    assert unseal("JBSWY3DPEHPK3PXP", purpose="totp") == "JBSWY3DPEHPK3PXP"
    assert seal("", purpose="totp") == ""


def test_sealed_value_altered_or_for_another_purpose_is_refused():
    sealed = seal("JBSWY3DPEHPK3PXP", purpose="totp")
    tampered = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    with pytest.raises(UnsealError):
        unseal(tampered, purpose="totp")
    with pytest.raises(UnsealError):
        unseal(sealed, purpose="other")


def test_configured_field_key_replaces_the_derived_one():
    sealed = seal("JBSWY3DPEHPK3PXP", purpose="totp")
    with override_settings(FIELD_KEY="00112233445566778899aabbccddeeff"):
        with pytest.raises(UnsealError):
            unseal(sealed, purpose="totp")
        again = seal("JBSWY3DPEHPK3PXP", purpose="totp")
        assert unseal(again, purpose="totp") == "JBSWY3DPEHPK3PXP"
