"""Filling the public's forms as a reader would, a while after the page was made."""

from __future__ import annotations

import time

from django.core import signing

from engagement.forms import STAMP_SALT

ORIGIN = "http://testserver"


def stamp(target: str, age: int = 60) -> str:
    """The signed stamp a page made `age` seconds ago would carry."""
    return signing.dumps({"f": target, "t": int(time.time()) - age}, salt=STAMP_SALT)


def comment_data(page_id: int, **fields) -> dict:
    data = {
        "name": "Trần Thị Bình",
        "email": "binh@example.vn",
        "body": "Xin chúc mừng đồng chí, một tấm gương sáng.",
        "website": "",
        "stamp": stamp(f"comment:{page_id}"),
    }
    data.update(fields)
    return data


def post_comment(client, page_id: int, *, origin: str = ORIGIN, ip: str = "203.0.113.7", **fields):
    return client.post(
        f"/binh-luan/{page_id}/", comment_data(page_id, **fields), HTTP_ORIGIN=origin, REMOTE_ADDR=ip
    )


def opinion_data(consultation_id: int, nominee_id: int, **fields) -> dict:
    data = {
        "nominee": str(nominee_id),
        "name": "Lê Văn Công",
        "contact": "0912 345 678",
        "body": "Tôi xác nhận đồng chí có nhiều đóng góp cho địa phương.",
        "website": "",
        "stamp": stamp(f"opinion:{consultation_id}"),
    }
    data.update(fields)
    return data
