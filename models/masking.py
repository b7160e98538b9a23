"""Masking of personal data the way Chinese systems show it in lists and exports (DESIGN §2).

Mobile ``138****1234``, name ``王**``, ID number first 1 and last 2 characters. The database keeps
the data whole; only what is shown is masked. Panels import this module, so it imports nothing.
"""

from __future__ import annotations

MASK = "*"


def mask_phone(phone: str) -> str:
    """``13812341234`` → ``138****1234``: the first 3 and last 4 characters stay.

    Any other number (a landline, one with a country code) is masked by the same rule, so the
    operator can still tell numbers apart by their ends; a number too short to keep 7
    characters keeps only its last 4, and one of 4 or fewer is masked whole.
    """
    phone = phone.strip()
    if len(phone) <= 4:
        return MASK * len(phone)
    if len(phone) < 8:
        return MASK * (len(phone) - 4) + phone[-4:]
    return phone[:3] + MASK * (len(phone) - 7) + phone[-4:]


def mask_name(name: str) -> str:
    """``王小明`` → ``王**``: the first character, then one ``*`` per remaining character."""
    name = name.strip()
    return name[:1] + MASK * (len(name) - 1) if name else ""


def mask_id_number(id_number: str) -> str:
    """``320104199001011234`` → ``3***************34``: the first 1 and last 2 characters stay.

    A value of 3 characters or fewer would show nearly everything, so it is masked whole.
    """
    id_number = id_number.strip()
    if len(id_number) <= 3:
        return MASK * len(id_number)
    return id_number[0] + MASK * (len(id_number) - 3) + id_number[-2:]
