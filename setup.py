"""The wheel carries the project's top-level templates/, static/ and locale/ inside the ``cms``
package (as ``cms/templates`` …), where Django finds them through the ``cms`` app's directories
when the project runs from an installed wheel rather than from a checkout. Everything else is
in pyproject.toml."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SITE_FILES = ("templates", "static", "locale")


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout
            return
        for name in SITE_FILES:
            if Path(name).is_dir():
                self.copy_tree(name, str(Path(self.build_lib) / "cms" / name))


setup(cmdclass={"build_py": BuildPy})
