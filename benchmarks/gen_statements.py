"""Generate synthetic bank statements of N transactions in OFX (SGML/XML), CAMT.053 and MT940.

Deterministic for a given N and seed, with Polish and German text, varied amounts,
both signs, and no two transactions alike. Used by bench_statements.py.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

NAMES = ["Zakład Usług Różnych", "Müller & Söhne GmbH", "ALFA SP. Z O.O.", "Jan Kowalski", "Łódź Trans"]
IBAN = "PL61109010140000071219812874"


def _rows(n: int, seed: int = 7) -> list[tuple[date, Decimal, str, str]]:
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    rows = []
    for i in range(n):
        cents = rng.randint(1, 5_000_000) * (1 if rng.random() < 0.6 else -1)
        day = start + timedelta(days=i * 365 // max(n, 1))
        rows.append((day, (Decimal(cents) / 100).quantize(Decimal("0.01")), NAMES[i % 5], f"FV/{i:07d}"))
    return rows


def ofx_sgml(n: int) -> bytes:
    """OFX 1.02 SGML, CHARSET 1250, unclosed leaf elements."""
    txns = "".join(
        f"<STMTTRN>\r\n<TRNTYPE>{'CREDIT' if a > 0 else 'DEBIT'}\r\n<DTPOSTED>{d:%Y%m%d}000000[+1:CET]\r\n"
        f"<TRNAMT>{a}\r\n<FITID>T{i:08d}\r\n<NAME>{name}\r\n<MEMO>Zapłata za {ref}\r\n</STMTTRN>\r\n"
        for i, (d, a, name, ref) in enumerate(_rows(n))
    )
    text = (
        "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1250\r\n"
        "COMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n<OFX>\r\n<SIGNONMSGSRSV1>\r\n<SONRS>\r\n"
        "<STATUS>\r\n<CODE>0\r\n<SEVERITY>INFO\r\n</STATUS>\r\n<DTSERVER>20250101\r\n<LANGUAGE>POL\r\n</SONRS>\r\n"
        "</SIGNONMSGSRSV1>\r\n<BANKMSGSRSV1>\r\n<STMTTRNRS>\r\n<TRNUID>1\r\n<STATUS>\r\n<CODE>0\r\n"
        "<SEVERITY>INFO\r\n</STATUS>\r\n<STMTRS>\r\n<CURDEF>PLN\r\n<BANKACCTFROM>\r\n<BANKID>10901014\r\n"
        f"<ACCTID>{IBAN}\r\n<ACCTTYPE>CHECKING\r\n</BANKACCTFROM>\r\n<BANKTRANLIST>\r\n<DTSTART>20240101\r\n"
        f"<DTEND>20250101\r\n{txns}</BANKTRANLIST>\r\n<LEDGERBAL>\r\n<BALAMT>0\r\n<DTASOF>20250101\r\n"
        "</LEDGERBAL>\r\n</STMTRS>\r\n</STMTTRNRS>\r\n</BANKMSGSRSV1>\r\n</OFX>\r\n"
    )
    return text.encode("cp1250")


def ofx_xml(n: int) -> bytes:
    """OFX 2.11 XML, UTF-8, every element closed."""
    txns = "".join(
        f"<STMTTRN><TRNTYPE>{'CREDIT' if a > 0 else 'DEBIT'}</TRNTYPE><DTPOSTED>{d:%Y%m%d}000000[+1:CET]"
        f"</DTPOSTED><TRNAMT>{a}</TRNAMT><FITID>T{i:08d}</FITID><NAME>{escape(name)}</NAME>"
        f"<MEMO>Zapłata za {ref}</MEMO></STMTTRN>\n"
        for i, (d, a, name, ref) in enumerate(_rows(n))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<?OFX OFXHEADER="200" VERSION="211" SECURITY="NONE" '
        'OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE>'
        "<SEVERITY>INFO</SEVERITY></STATUS><DTSERVER>20250101</DTSERVER><LANGUAGE>POL</LANGUAGE></SONRS>"
        "</SIGNONMSGSRSV1><BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE>"
        "<SEVERITY>INFO</SEVERITY></STATUS><STMTRS><CURDEF>PLN</CURDEF><BANKACCTFROM><BANKID>1</BANKID>"
        f"<ACCTID>{IBAN}</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM><BANKTRANLIST>"
        f"<DTSTART>20240101</DTSTART><DTEND>20250101</DTEND>\n{txns}</BANKTRANLIST><LEDGERBAL><BALAMT>0</BALAMT>"
        "<DTASOF>20250101</DTASOF></LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n"
    ).encode()


def camt053(n: int) -> bytes:
    """camt.053.001.08 with one TxDtls per entry (debtor/creditor, IBAN, Ustrd)."""
    rows = _rows(n)
    total = sum((a for _, a, _, _ in rows), Decimal(0))
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">'
        "<BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2025-01-01T06:00:00</CreDtTm></GrpHdr><Stmt>"
        f"<Id>S1</Id><Acct><Id><IBAN>{IBAN}</IBAN></Id><Ccy>PLN</Ccy></Acct>"
        '<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="PLN">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
        "<Dt><Dt>2024-01-01</Dt></Dt></Bal>"
        f'<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="PLN">{abs(total)}</Amt>'
        f"<CdtDbtInd>{'CRDT' if total >= 0 else 'DBIT'}</CdtDbtInd><Dt><Dt>2025-01-01</Dt></Dt></Bal>\n"
    ]
    for i, (d, a, name, ref) in enumerate(rows):
        role = "Dbtr" if a > 0 else "Cdtr"
        parts.append(
            f'<Ntry><NtryRef>{i}</NtryRef><Amt Ccy="PLN">{abs(a)}</Amt><CdtDbtInd>{"CRDT" if a > 0 else "DBIT"}'
            f"</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>{d}</Dt></BookgDt><ValDt><Dt>{d}</Dt></ValDt>"
            f"<AcctSvcrRef>A{i:08d}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd>"
            f"<SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs>"
            f'<EndToEndId>E{i}</EndToEndId></Refs><Amt Ccy="PLN">{abs(a)}</Amt><RltdPties><{role}><Pty>'
            f"<Nm>{escape(name)}</Nm></Pty></{role}><{role}Acct><Id><IBAN>PL60102010260000123456789012</IBAN></Id>"
            f"</{role}Acct></RltdPties><RmtInf><Ustrd>Zapłata za {ref}</Ustrd></RmtInf></TxDtls></NtryDtls>"
            "</Ntry>\n"
        )
    parts.append("</Stmt></BkToCstmrStmt></Document>\n")
    return "".join(parts).encode("utf-8")


def mt940(n: int) -> bytes:
    """One Polish-style MT940 statement with ~ subfields in :86:, UTF-8."""
    rows = _rows(n)
    total = sum((a for _, a, _, _ in rows), Decimal(0))
    lines = [f":20:BENCH\r\n:25:/{IBAN}\r\n:28C:1/1\r\n:60F:C240101PLN0,00\r\n"]
    for i, (d, a, name, ref) in enumerate(rows):
        mark = "C" if a > 0 else "D"
        lines.append(
            f":61:{d:%y%m%d}{d:%m%d}{mark}{str(abs(a)).replace('.', ',')}NTRFNONREF//B{i:010d}\r\n"
            f":86:020~00VE02~20Zaplata za {ref}~3010201026~310000123456789012~32{name}\r\n"
            f"~38PL60102010260000123456789012\r\n"
        )
    lines.append(f":62F:{'C' if total >= 0 else 'D'}250101PLN{str(abs(total)).replace('.', ',')}\r\n-\r\n")
    return "".join(lines).encode("utf-8")


GENERATORS = {"ofx_sgml": ofx_sgml, "ofx_xml": ofx_xml, "camt053": camt053, "mt940": mt940}
