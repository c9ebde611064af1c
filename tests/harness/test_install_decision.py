"""When the suite may install its Debian packages itself, and what it tells the user otherwise."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.harness.packages import (
    DEBIAN_PACKAGES,
    FONTS_DEJAVU,
    MARIADB_SERVER,
    POPPLER_UTILS,
    REDIS_SERVER,
    PackagesMissing,
    install_plan,
    is_debian_like,
    missing_packages,
    parse_os_release,
    search_path,
)

DEBIAN = parse_os_release('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n')
UBUNTU = parse_os_release('NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n')
MINT = parse_os_release('ID=linuxmint\nID_LIKE="ubuntu debian"\n')
FEDORA = parse_os_release('NAME="Fedora Linux"\nID=fedora\n')


def _bin_folder(tmp_path: Path, *programs: str) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in programs:
        program = folder / name
        program.write_text("#!/bin/sh\n")
        program.chmod(0o755)
    return folder


def test_os_release_is_read_with_quotes_removed() -> None:
    assert DEBIAN["PRETTY_NAME"] == "Debian GNU/Linux 12 (bookworm)"
    assert MINT["ID_LIKE"] == "ubuntu debian"


@pytest.mark.parametrize(
    ("release", "expected"),
    [(DEBIAN, True), (UBUNTU, True), (MINT, True), (FEDORA, False), ({}, False)],
)
def test_debian_and_its_derivatives_are_recognised(release: dict[str, str], expected: bool) -> None:
    assert is_debian_like(release) is expected


def test_a_missing_program_marks_its_package_missing(tmp_path: Path) -> None:
    folder = _bin_folder(tmp_path, "redis-server", "mariadbd", "pdftotext")
    fonts = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}
    missing = missing_packages(
        [MARIADB_SERVER, REDIS_SERVER, POPPLER_UTILS, FONTS_DEJAVU],
        which=lambda name: shutil.which(name, path=str(folder)),
        exists=lambda path: path in fonts,
    )
    # mariadbd alone is not enough: mariadb-install-db initialises the data folder.
    assert missing == [MARIADB_SERVER]


def test_everything_missing_on_a_bare_machine(tmp_path: Path) -> None:
    folder = _bin_folder(tmp_path)
    missing = missing_packages(
        DEBIAN_PACKAGES,
        which=lambda name: shutil.which(name, path=str(folder)),
        exists=lambda _path: False,
    )
    assert missing == list(DEBIAN_PACKAGES)


def test_system_folders_are_searched_even_when_path_lacks_them() -> None:
    # A non-root PATH often lacks /usr/sbin, where mariadbd lives.
    folders = search_path("/home/dev/bin").split(os.pathsep)
    assert folders[0] == "/home/dev/bin"
    assert "/usr/sbin" in folders


def test_root_on_debian_updates_then_installs() -> None:
    plan = install_plan(
        [MARIADB_SERVER, REDIS_SERVER], uid=0, os_release=DEBIAN, apt_get="/usr/bin/apt-get"
    )
    assert plan == [
        ["/usr/bin/apt-get", "update"],
        [
            "/usr/bin/apt-get",
            "install",
            "-y",
            "--no-install-recommends",
            "mariadb-server",
            "redis-server",
        ],
    ]


def test_root_on_ubuntu_installs_too() -> None:
    plan = install_plan([POPPLER_UTILS], uid=0, os_release=UBUNTU, apt_get="/usr/bin/apt-get")
    assert plan[-1][-1] == "poppler-utils"


def test_nothing_missing_means_nothing_to_run() -> None:
    assert install_plan([], uid=1000, os_release=FEDORA, apt_get=None) == []


def test_a_normal_user_is_told_the_exact_command() -> None:
    with pytest.raises(PackagesMissing) as caught:
        install_plan(
            [MARIADB_SERVER, REDIS_SERVER], uid=1000, os_release=DEBIAN, apt_get="/usr/bin/apt-get"
        )
    assert "sudo apt-get install mariadb-server redis-server" in str(caught.value)
    assert "mariadbd" in str(caught.value)


def test_another_distribution_is_told_the_debian_names() -> None:
    with pytest.raises(PackagesMissing) as caught:
        install_plan([MARIADB_SERVER], uid=0, os_release=FEDORA, apt_get=None)
    message = str(caught.value)
    assert "not Debian or Ubuntu" in message
    assert "apt-get install mariadb-server" in message
    assert "BOOLAGOLD_TEST_MARIADB_URL" in message


def test_root_on_debian_without_apt_get_is_an_error() -> None:
    with pytest.raises(PackagesMissing, match="apt-get is not on this machine"):
        install_plan([REDIS_SERVER], uid=0, os_release=DEBIAN, apt_get=None)
