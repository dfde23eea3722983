"""Wiring of the feedback feature (`init_app`, listed in procure.features): its receivers
and `procure report feedback`."""

from __future__ import annotations

from flask import Flask

from procure.commands import command_group
from procure.feedback import receivers
from procure.feedback.cli import report_feedback_command


def init_app(app: Flask) -> None:
    receivers.connect()
    command_group(app, "report").add_command(report_feedback_command)
