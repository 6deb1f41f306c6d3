"""Where a workshop listens, and the join code."""

from __future__ import annotations

import pytest

from tutor.workshop.addresses import (
    CODE_ALPHABET,
    AddressError,
    check_code,
    choose,
    lan_address,
    new_code,
    url_host,
)


def test_the_default_is_this_computer_only() -> None:
    listen = choose("127.0.0.1")
    assert (listen.bind, listen.public, listen.warning) == ("127.0.0.1", "127.0.0.1", "")


def test_every_interface_warns_and_names_a_reachable_address() -> None:
    listen = choose("0.0.0.0")
    assert listen.bind == "0.0.0.0"
    assert "every network interface" in listen.warning
    assert listen.public != "0.0.0.0"


def test_auto_binds_the_lan_address_or_falls_back_to_this_computer() -> None:
    listen = choose("auto")
    found = lan_address()
    assert listen.bind == (found or "127.0.0.1")
    assert listen.public == listen.bind


def test_a_host_that_is_not_an_address_is_refused_with_the_choices() -> None:
    with pytest.raises(AddressError, match="'auto'"):
        choose("example.com; rm -rf /")


def test_an_ipv6_address_is_bracketed_in_a_url() -> None:
    assert url_host("::1") == "[::1]"
    assert url_host("10.0.0.5") == "10.0.0.5"


def test_a_new_code_is_four_unambiguous_characters() -> None:
    code = new_code()
    assert len(code) == 4 and set(code) <= set(CODE_ALPHABET)


def test_a_given_code_is_compared_in_upper_case() -> None:
    assert check_code("k7q2") == "K7Q2"


@pytest.mark.parametrize("code", ["K7", "K7Q2!", "код1", "x" * 33])
def test_a_code_that_cannot_be_typed_safely_is_refused(code: str) -> None:
    with pytest.raises(AddressError, match="4 to 32 letters or digits"):
        check_code(code)
