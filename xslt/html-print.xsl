<?xml version="1.0" encoding="UTF-8"?>
<!--
  Print CSS, in two parts:

    print-css   @media print rules for every page of the site, printed from
                a browser: no navigation chrome, black ink, the address of
                every outside link printed after it, no breaks after
                headings. Called by the css template (html-css.xsl), after
                the screen rules, so it may override them.
    paged-css   CSS Paged Media for the PDF made by WeasyPrint (encoder.pdf):
                page size and margins, running head and page numbers, real
                footnotes (float: footnote), the title block, the table of
                contents and the index of names with page numbers
                (target-counter). Only the print pages (tei-to-print.xsl and
                the edition PDF) carry it; browsers ignore what they do not
                know, so the print page still reads well in a browser.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="print-css">
<xsl:text>
@media print {
  html, body { background: #fff; color: #000; }
  .site-header, .site-footer, .skip, .pilcrow, .note-back, .bracket-key .hint, .mentions { display: none !important; }
  main { margin: 0; }
  a { color: #000; text-decoration: none; }
  /* links readable on paper: the address of an outside link follows it */
  main a[href^="http"]::after { content: " &lt;" attr(href) "&gt;"; font-size: .85em; overflow-wrap: anywhere; hyphens: none; }
  /* ... except where the link's text is its address already, or says nothing to a reader */
  main .citation a::after, main .geo a::after, main a.ix-self::after { content: none; }
  .ed { color: #000; }
  .ed:focus { outline: 0; background: none; }
  .tei-sic { text-decoration: underline dotted #000; }
  .tei-text p { text-align: left; hyphens: manual; }
  .doc-header { background: none; }
  dl.meta .row { grid-template-columns: 9rem 1fr; break-inside: avoid; }
  h1, h2, h3, .tei-head, .register-intro { break-after: avoid; }
  .tei-opener, .tei-closer { break-inside: avoid; }
  .endnotes li { break-inside: avoid; }
  /* the citation as data (BibTeX, CSL-JSON) is for copying from the screen, not for paper */
  .cite h3, .cite-data { display: none !important; }
  .doc-list li { break-inside: avoid; }
}
</xsl:text>
  </xsl:template>

  <xsl:template name="paged-css">
    <style>
<xsl:text>
@page {
  size: A4; margin: 22mm 22mm 24mm;
  @top-center { content: string(running-title); font: 8pt/1.3 "DejaVu Sans", sans-serif; color: #444; }
  @bottom-center { content: counter(page); font: 9pt "DejaVu Sans", sans-serif; }
  @footnote { border-top: .5pt solid #000; padding-top: 3pt; margin-top: 9pt; }
}
@page :first { @top-center { content: none; } }
@page doc-start { @top-center { content: none; } }
@page cover { @top-center { content: none; } @bottom-center { content: none; } }
html { font-size: 10.5pt; }
body { font: 10.5pt/1.45 "DejaVu Serif", serif; }
main, .print-doc { max-width: none; padding: 0; margin: 0; }
h1 { font-size: 17pt; bookmark-level: 1; }
h2 { font-size: 12.5pt; margin: 1.4em 0 .5em; bookmark-level: none; }
h3 { font-size: 11pt; bookmark-level: none; }
h1#ed-title, .print-doc h1 { string-set: running-title content(text); }
.print-doc + .print-doc { break-before: page; }

/* the header as a title block */
.doc-header { page: doc-start; margin: 0 0 1.2em; padding: 0 0 .6em; border: 0; border-bottom: 1pt solid #000; }
.doc-header h1 { margin: .15em 0 .3em; }
.doc-kind { font-size: 8.5pt; }
.status { margin: .4em 0 .7em; font-size: 8.5pt; }
dl.meta { font: 8.5pt/1.4 "DejaVu Sans", sans-serif; }
/* a float, not the screen's grid: WeasyPrint lays grids out at half the speed */
dl.meta .row { display: flow-root; padding: .3em 0; border-top: .4pt solid #999; }
dl.meta dt { float: left; width: 8em; }
dl.meta dd { margin-left: 8.8em; }
.source-rights { font-size: 8pt; }

/* the text, from a new page after the title block */
.tei-text { break-before: page; }
.bracket-key { font-size: 8.5pt; }
.tei-text p { orphans: 2; widows: 2; }
.tei-head { font-size: 13pt; bookmark-level: none; }

/* footnotes at the foot of the page; the call keeps the source's number in brackets */
.footnote { float: footnote; footnote-display: block; font: 8.5pt/1.35 "DejaVu Serif", serif; text-align: left; font-style: normal; font-weight: normal; }
.footnote::footnote-call { content: "[" attr(data-n) "]"; font-size: 7pt; vertical-align: super; line-height: 0; }
.footnote::footnote-marker { content: attr(data-n) ".\a0"; }

/* citation */
.cite { break-inside: avoid; }
.citation { padding: .5em .7em; border-left: 2pt solid #999; font-size: 9pt; }

/* the edition: title page and contents */
.cover { page: cover; break-after: page; text-align: center; padding-top: 35%; }
.cover h1 { font-size: 24pt; string-set: running-title ""; bookmark-level: none; }
.cover p { font-size: 11pt; }
.toc { break-after: page; }
.toc h1 { bookmark-level: 1; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { margin: 0 0 .6em; break-inside: avoid; }
.toc li a { display: block; }
.toc li a::after { content: leader(". ") target-counter(attr(href url), page); }
.toc .toc-date { display: block; color: #333; font-size: 9pt; }

/* the index of names */
.name-index { break-before: page; }
.name-index h1 { string-set: running-title content(text); }
.name-index h2 { bookmark-level: 2; }
.name-index .intro { font-size: 9pt; color: #333; }
.name-index ul { list-style: none; padding: 0; margin: 0; columns: 2; column-gap: 2em; font-size: 9pt; line-height: 1.35; }
.name-index .ix-forms { font-style: italic; }
.name-index li { padding-left: 1.2em; text-indent: -1.2em; break-inside: avoid; margin-bottom: .15em; }
</xsl:text>
    </style>
  </xsl:template>

</xsl:stylesheet>
