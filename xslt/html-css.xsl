<?xml version="1.0" encoding="UTF-8"?>
<!--
  The inline CSS shared by the document page and the index page: no external
  fetch, readable on screen, on a phone and on paper. Works without
  JavaScript (explanations of brackets show on :hover via title and on
  :focus via CSS). Included by tei-to-html.xsl and index.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="html-print.xsl"/>

  <xsl:template name="css">
    <style>
<xsl:text>
:root {
  --ink: #1b1b1b; --paper: #fdfcf8; --muted: #5b5b5b; --rule: #d9d4c7; --panel: #f3f0e7;
  --pers: #1c4f9c; --place: #17663a; --org: #8a4200; --ed: #8b1e3f; --focus: #1c4f9c;
  --badge-bg: #fff1c2; --badge-ink: #5c4300; --hover: #ebe6d6;
}
@media (prefers-color-scheme: dark) {
  :root {
    --ink: #e8e6e1; --paper: #1a1a1c; --muted: #b4b0a8; --rule: #44423d; --panel: #26252a;
    --pers: #8db8ff; --place: #7fd39f; --org: #f0b27a; --ed: #f29bb5; --focus: #8db8ff;
    --badge-bg: #4a3d10; --badge-ink: #ffe7a3; --hover: #33323a;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 1.0625rem/1.6 Charter, "Bitstream Charter", "Iowan Old Style", Georgia, Cambria, "Noto Serif", "DejaVu Serif", serif;
}
a { color: inherit; }
a:focus-visible, .ed:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5em 1em; z-index: 10; }
.skip:focus { left: .5em; }
.site-header, .site-footer, main { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }
.site-header { padding-top: 1rem; font: .9rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--muted); }
.site-header a { text-decoration: none; }
.site-header a:hover { text-decoration: underline; }
.site-footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--rule); font: .85rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--muted); }
h1, h2, h3 { line-height: 1.25; font-weight: 600; }
h1 { font-size: 1.75rem; margin: .25rem 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }

/* header panel */
.doc-header { margin-top: 1rem; padding: 1rem 1.25rem; background: var(--panel); border: 1px solid var(--rule); border-radius: 6px; }
.doc-kind { margin: 0; font: 600 .8rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.doc-date { margin: 0 0 .5rem; font-size: 1.05rem; }
.status { margin: .5rem 0 1rem; padding: .35rem .6rem; border-left: 4px solid #c9a227; background: var(--badge-bg); color: var(--badge-ink); font: .85rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
dl.meta { margin: 0; font: .92rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
dl.meta .row { display: grid; grid-template-columns: 11rem 1fr; gap: .75rem; padding: .4rem 0; border-top: 1px solid var(--rule); }
dl.meta dt { font-weight: 600; color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
dl.meta dd p { margin: 0 0 .4rem; }
dl.meta dd p:last-child { margin-bottom: 0; }
dl.meta ul.formats { margin: 0; padding-left: 1.1rem; }
.source-rights { margin-top: .4rem; padding-left: .75rem; border-left: 2px solid var(--rule); color: var(--muted); font-size: .88rem; }
.source-rights-label { font-style: italic; }

/* the document */
.bracket-key { margin-top: 1.5rem; font: .85rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--muted); border-bottom: 1px solid var(--rule); padding-bottom: .75rem; }
.tei-text p { margin: 0 0 1em; hyphens: auto; overflow-wrap: break-word; }
.tei-head { margin-top: 2rem; }
.tei-opener, .tei-closer { margin: 1rem 0 1.5rem; }
.tei-opener p, .tei-closer p { margin: 0 0 .25em; }
.tei-dateline { letter-spacing: .02em; }
.tei-closer .tei-signed, .seg-signature, .tei-closer .tei-dateline { text-align: right; }
.tei-salute { font-style: italic; }
.seg-classification, .seg-doctype { letter-spacing: .06em; font-weight: 600; }
.seg-receipt { font-size: .92em; color: var(--muted); }
.seg-heading { font-weight: 600; }
.seg-number { font-variant-numeric: tabular-nums; }
.pilcrow { display: inline-block; min-width: 1.5rem; min-height: 1.5rem; line-height: 1.5rem; text-align: center; margin-left: .2em; padding: 0; color: var(--muted); text-decoration: none; font-size: .85em; opacity: .55; }
.cite-data { white-space: pre-wrap; overflow-wrap: anywhere; }
.pilcrow:hover, .pilcrow:focus { opacity: 1; color: var(--focus); }
p:target, li:target { background: var(--badge-bg); box-shadow: 0 0 0 .35em var(--badge-bg); border-radius: 2px; }

/* names, dates, numbers */
.tei-persName, .tei-placeName, .tei-orgName, .tei-repository, .tei-term { text-decoration-line: underline; }
/* colour says the kind of name; a solid underline links to a checked register
   entry, a dotted one to a machine-made entry still to review */
a.tei-persName, span.tei-persName { color: var(--pers); }
a.tei-placeName, span.tei-placeName { color: var(--place); }
a.tei-orgName, span.tei-orgName, a.tei-repository { color: var(--org); }
span.tei-persName, span.tei-placeName, span.tei-orgName { text-decoration-line: none; }
a.unreviewed { text-decoration-style: dotted; }
a.tei-persName:hover, a.tei-placeName:hover, a.tei-orgName:hover, a.tei-repository:hover { background: var(--hover); }
.tei-roleName { color: var(--muted); }
.tei-num[title], .tei-date[title] { text-decoration: underline dotted var(--rule); }
.tei-foreign { font-style: italic; }
.tei-sic { text-decoration: underline wavy var(--ed); }
.tei-pb::before { content: "|" attr(data-n); color: var(--muted); font-size: .75em; vertical-align: super; }

/* editorial brackets: the explanation shows on hover (title) and on focus or tap (below) */
.ed { color: var(--ed); position: relative; cursor: help; border-radius: 2px; }
.tei-supplied { font-style: italic; }
.ed:focus { background: var(--hover); outline: 2px solid var(--focus); outline-offset: 1px; }
.ed:focus::after {
  content: attr(title); position: absolute; left: 0; top: 100%; z-index: 5; margin-top: .25em;
  width: max-content; max-width: min(20rem, 80vw); padding: .35em .55em; border-radius: 4px;
  background: var(--ink); color: var(--paper); font: normal .8rem/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  white-space: normal; pointer-events: none;
}
sup { line-height: 0; }
.footnote-ref { font-size: .75em; }
.endnotes { font-size: .92em; list-style: none; padding-left: 0; }
.note-back { text-decoration: none; }

/* register */
.register-intro { color: var(--muted); font-size: .92rem; }
.entries { list-style: none; padding: 0; margin: 0; }
.entry { padding: .5rem 0; border-top: 1px solid var(--rule); font: .92rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.entry-name { font-weight: 600; }
.register-listPerson .entry-name { color: var(--pers); }
.register-listPlace .entry-name { color: var(--place); }
.register-listOrg .entry-name { color: var(--org); }
.variant { font-style: italic; }
.badge { display: inline-block; padding: 0 .45em; border-radius: 999px; background: var(--badge-bg); color: var(--badge-ink); font-size: .78rem; font-weight: 600; white-space: nowrap; }
.authority, .geo a, .mentions a { white-space: nowrap; }
.mentions { color: var(--muted); }

/* citation */
.citation { padding: .75rem 1rem; background: var(--panel); border-left: 4px solid var(--rule); overflow-wrap: anywhere; }

/* index page */
.doc-list { list-style: none; padding: 0; }
.doc-list li { padding: .75rem 0; border-top: 1px solid var(--rule); }
.doc-list .meta-line { margin: 0; font: .85rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--muted); }
.doc-list .doc-title { font-size: 1.1rem; font-weight: 600; }
.doc-list .summary { margin: .25rem 0 0; }

@media (max-width: 40rem) {
  body { font-size: 1rem; }
  .site-header, .site-footer, main { padding: 0 .85rem; }
  .doc-header { padding: .75rem; margin-left: -.25rem; margin-right: -.25rem; }
  h1 { font-size: 1.4rem; }
  dl.meta .row { grid-template-columns: 1fr; gap: 0; }
  .tei-text p { hyphens: auto; }
  /* on a phone the explanation of a bracket sits at the foot of the screen, never off its edge */
  .ed:focus::after { position: fixed; left: .5rem; right: .5rem; top: auto; bottom: .5rem; width: auto; max-width: none; margin: 0; }
  .doc-kind, .status, .bracket-key, .doc-list .meta-line { font-size: .875rem; }
}

@media print {
  :root { --ink: #000; --paper: #fff; --muted: #333; --rule: #999; --panel: #fff; --pers: #000; --place: #000; --org: #000; --ed: #000; --badge-bg: #fff; --badge-ink: #000; }
  @page { margin: 2cm 2.2cm; }
  body { font-size: 11pt; line-height: 1.45; }
  .site-header, .site-footer, main { max-width: none; padding: 0; }
  .skip, .pilcrow, .note-back, .bracket-key .hint, .mentions { display: none; }
  .tei-num[title], .tei-date[title] { text-decoration: none; }
  .doc-header { border: 0; border-bottom: 1px solid #000; border-radius: 0; padding: 0 0 .5rem; }
  .status { border: 1px solid #000; }
  a { text-decoration: none; }
  .tei-persName, .tei-placeName, .tei-orgName, .tei-repository { text-decoration: none; }
  .ed:focus::after { display: none; }
  .badge { border: 1px solid #000; }
  .register a.authority::after, .rights a[rel="license"]::after, .citation a::after { content: " &lt;" attr(href) "&gt;"; font-size: .85em; overflow-wrap: anywhere; }
  .citation a::after { content: ""; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  p, li, .row { orphans: 3; widows: 3; }
  .entry, .row, .citation { break-inside: avoid; page-break-inside: avoid; }
  .register, .cite { break-before: auto; }
}
</xsl:text>
      <xsl:call-template name="print-css"/>
    </style>
  </xsl:template>

</xsl:stylesheet>
