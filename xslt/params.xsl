<?xml version="1.0" encoding="UTF-8"?>
<!--
  Parameters of the HTML stylesheets (tei-to-html.xsl, index.xsl).
  All are strings; an empty string means "not given". encoder.render passes
  them with etree.XSLT.strparam, so any characters are safe.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- Name of the edition, shown in the page banner, the <title> and the
       citation. Default: the TEI publicationStmt/publisher. -->
  <xsl:param name="edition-title" select="''"/>

  <!-- Absolute URL of the published edition (its folder, ending in "/").
       With it, the page cites itself as base-url + the page's file name
       (unless page-url is given) and links "home" to base-url. The file
       name is that of tei-href with ".html" for ".xml" ("tei/doc.xml" gives
       "doc.html"), else TEI/@xml:id + ".html". -->
  <xsl:param name="base-url" select="''"/>

  <!-- Absolute URL of this very page, when it does not follow the
       base-url + id + ".html" pattern. -->
  <xsl:param name="page-url" select="''"/>

  <!-- Link (usually relative, e.g. "index.html") to the edition's index
       page. Default: base-url. -->
  <xsl:param name="index-href" select="''"/>

  <!-- Link to the TEI file this page was rendered from (e.g. "doc.xml"). -->
  <xsl:param name="tei-href" select="''"/>

  <!-- Links to the other forms of this document the build makes (each
       optional): its PDF and its citation/deposit records in Dublin Core
       (oai_dc), CSL-JSON and DataCite XML. -->
  <xsl:param name="pdf-href" select="''"/>
  <xsl:param name="dc-href" select="''"/>
  <xsl:param name="csl-href" select="''"/>
  <xsl:param name="datacite-href" select="''"/>

  <!-- Optional extra stylesheet, linked after the inline CSS so it can
       override it. The page never needs it: all CSS is inline. -->
  <xsl:param name="css-href" select="''"/>

</xsl:stylesheet>
