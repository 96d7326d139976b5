"""Source records cite the publisher: no URL in the bundled dataset points at a document mirror."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from osallisuus_cli.model import Dataset

# Sites that re-host other people's documents (the one list of them). An entry
# without a dot is a site name: a host is a mirror when one of its dot-separated
# names is that entry, so every country domain and subdomain counts (docplayer.fi,
# ar.scribd.com, vdocuments.mx). An entry with a dot is a whole domain, for sites
# whose name alone is a common word (documents.pub is a mirror, documents.un.org is not).
MIRROR_SITES = frozenset(
    {
        "123doc",
        "123docz",
        "123dok",
        "5dok",
        "9pdf",
        "abcdocz",
        "docplayer",
        "docslib",
        "documents.pub",
        "dokumen",  # dokumen.tips, dokumen.pub
        "epdf",
        "fdocuments",
        "fdokumen",
        "idoc.pub",
        "kipdf",
        "pdf4pro",
        "pdfcoffee",
        "pdffox",
        "pdfslide",
        "scribd",
        "silo.pub",
        "silo.tips",
        "slideflix",
        "slideplayer",
        "studylib",
        "vdocument",
        "vdocuments",
        "xdocs",
    }
)

URL = re.compile(r"https?://[^\s'\"\]>)]+")


def is_mirror(url: str) -> bool:
    """Whether url is on a document-mirror site rather than at a publisher."""
    host = (urlsplit(url).hostname or "").lower()
    names = host.split(".")
    return any(
        host == site or host.endswith("." + site) if "." in site else site in names
        for site in MIRROR_SITES
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://docplayer.fi/15619811-Dialoginen-tyomenetelma.html",
        "https://ar.scribd.com/document/68074915/FP-the-Open-Dialogue",
        "https://9pdf.co/document/qmj80rdw-asiakkaan-aani.html",
        "https://vdocuments.mx/varhaiskasvatussuunnitelman-perusteet.html",
        "https://pdfslide.net/documents/kasvatuskumppanuus.html",
        "https://123dok.com/document/zwo5vn7y-vanhempien-kokemuksia.html",
        "https://WWW.DocPlayer.NET/123-x.html",
        "https://documents.pub/document/x.html",
        "https://silo.tips/download/x",
    ],
)
def test_a_mirror_url_is_recognised(url: str) -> None:
    assert is_mirror(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://finlex.fi/fi/laki/alkup/2022/20220607",
        "https://thl.fi/julkaisut/kasikirjat/vammaispalvelujen-kasikirja/tuki-ja-palvelut/omaishoito",
        "https://julkaisut.valtioneuvosto.fi/handle/10024/74820",
        "https://doi.org/10.1111/j.1545-5300.2003.00403.x",
        "https://www.oph.fi/fi/opettajat-ja-kasvattajat/osallisuus",
        "https://documents.un.org/doc/undoc/gen/n89/1.pdf",
    ],
)
def test_a_publisher_url_is_not_taken_for_a_mirror(url: str) -> None:
    assert not is_mirror(url)


def test_no_source_record_points_at_a_mirror(dataset: Dataset) -> None:
    mirrored = [
        (source.id, url)
        for source in dataset.sources
        for url in [source.url or "", *URL.findall(source.citation.fi + " " + source.citation.en)]
        if url and is_mirror(url)
    ]
    assert not mirrored, mirrored


def test_no_url_anywhere_in_the_bundled_file_points_at_a_mirror(bundled_text: str) -> None:
    mirrored = [url for url in URL.findall(bundled_text) if is_mirror(url)]
    assert not mirrored, mirrored
