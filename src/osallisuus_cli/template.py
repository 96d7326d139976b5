"""The starter file `osallisuus new ID` writes: one new method beside the bundled ten.

Every field a method has, in both languages, a fit with its reason and a source
record, each text a placeholder that `validate` refuses (with its line) until it is
written. The file extends the bundled dataset, so questions, scoring and the ten
methods come from there and keep improving with it.
"""

from __future__ import annotations

from .schema import PLACEHOLDER

STARTER = """\
# A dataset of your own methods, beside the ten bundled ones (osallisuus new {id}).
# Fill in every "{mark} ..." text; `osallisuus validate {file}` names the line of each
# one left, and accepts the file once none is. Then use it with
#   osallisuus --data {file} recommend ...        (or set OSALLISUUS_DATA={file})
# Finnish and English both: `fi` is shown with --lang fi, `en` otherwise.
schema_version: 1
extends: bundled          # or the path of another dataset file, relative to this one

# Where what you write about the method comes from: a document, a web page, a law.
sources:
  {id}-source:
    author: "{mark}: author or organisation"
    year: "{mark}: year of publication, e.g. 2024 (or remove the line)"
    label: "{mark}: a short label people see beside a statement, e.g. Tampere 2024"
    title:
      fi: "{mark}: asiakirjan nimi"
      en: "{mark}: title of the document"
    publisher:
      fi: "{mark}: julkaisija"
      en: "{mark}: publisher"
    citation:
      fi: "{mark}: koko lähdeviite"
      en: "{mark}: the full reference"
    url: "{mark}: https://... (or remove the line)"

methods:
  - id: {id}
    # To replace a bundled method instead, use its id and add:  replaces: true
    name:
      fi: "{mark}: menetelmän nimi"
      en: "{mark}: name of the method"
    goal:
      fi: "{mark}: mihin menetelmällä pyritään"
      en: "{mark}: what the method aims at"
    description:
      fi: "{mark}: miten menetelmä toimii"
      en: "{mark}: how the method works"
    source: {id}-source
    aliases:              # other names people use, base forms (lapset, not lapsille)
      fi: ["{mark}: toinen nimi"]
      en: ["{mark}: another name"]
    keywords:             # words a search or a description may use for it
      fi: ["{mark}: hakusana"]
      en: ["{mark}: keyword"]
    # How well it fits each answer, 1 (marginal) to 5 (what it is made for), and why.
    # The questions and their values: osallisuus questions (or see the README).
    fits:
      target_groups:
        clients:
          weight: 4
          fi: "{mark}: miksi menetelmä sopii asiakkaille"
          en: "{mark}: why the method fits clients"
          source: {id}-source     # or: judgement (your own judgement)
      purposes:
        co-design:
          weight: 4
          fi: "{mark}: miksi menetelmä sopii palvelujen kehittämiseen"
          en: "{mark}: why the method fits co-design of services"
          source: {id}-source
    # What the method takes before it is chosen (the readiness checklist).
    preconditions:
      - kind: staff-time
        fi: "{mark}: mitä menetelmä vaatii"
        en: "{mark}: what the method takes"
        source: {id}-source
"""


def starter(method_id: str, file: str) -> str:
    """The commented starter file for a method `method_id`, to be saved as `file`."""
    return STARTER.format(id=method_id, file=file, mark=PLACEHOLDER)
