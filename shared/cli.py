"""The one `boolagold` command line; each part contributes its own subcommands.

The kernel may not import the counter or the hub (DESIGN.md section 1), so subcommands are found
through the `boolagold.commands` entry-point group instead of being imported here: `quote` comes
from the kernel, `counter` from desktop and `hub` from the hub package, each declared in
pyproject.toml. A subcommand is only imported when it is run or listed.
"""

from __future__ import annotations

from importlib.metadata import entry_points, version

import click

_GROUP = "boolagold.commands"


class _EntryPointGroup(click.Group):
    """Loads subcommands lazily so `boolagold quote` never pays for PySide6 or Litestar."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = {ep.name for ep in entry_points(group=_GROUP)}
        return sorted(names | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        for ep in entry_points(group=_GROUP, name=cmd_name):
            try:
                command = ep.load()
            except ImportError as exc:
                return _unavailable(cmd_name, exc)
            if isinstance(command, click.Command):
                return command
        return None


def _unavailable(name: str, exc: ImportError) -> click.Command:
    """A part that cannot be imported (a trimmed bundle, a broken install) must not take the
    whole command line down with it: `--help` still lists the rest, and running it says why."""
    reason = f"this installation cannot load `{name}`: {exc}"

    def fail() -> None:
        raise click.ClickException(reason)

    return click.Command(name, callback=fail, help=reason, short_help="(unavailable)")


@click.group(cls=_EntryPointGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("boolagold"), prog_name="boolagold")
def main() -> None:
    """BoolaGold POS: the jeweller's counter, the hub, and the kernel they share."""
