<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-to-html.xsl: one TEI P5 document (as produced by tei-encoder; the
  contract is docs/target-seed.xml) to one HTML5 reading-edition page.

  XSLT 1.0, run by lxml/libxslt with no file or network access.
  Layout (after the TEI Stylesheets' html/ folder, in small files):
    params.xsl          parameters (imported: callers may override)
    html-common.xsl     keys, date formatting, @resp phrases, block anchors
    html-css.xsl        the inline CSS
    html-header.xsl     header panel and "Cite this edition"
    html-text.xsl       divisions, opener/closer, paragraphs, catch-all
    html-names.xsl      names, dates, numbers, and the register (standOff)
    html-editorial.xsl  supplied, notes, gap, sic, footnote refs: the brackets

  libxslt's html output adds <meta http-equiv="Content-Type">, so no
  <meta charset> is written here (both together fail the Nu checker).
  xsl:message is reserved for fatal input problems: encoder.render turns any
  message into a TransformError.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:import href="params.xsl"/>
  <xsl:include href="html-common.xsl"/>
  <xsl:include href="html-css.xsl"/>
  <xsl:include href="html-header.xsl"/>
  <xsl:include href="html-text.xsl"/>
  <xsl:include href="html-names.xsl"/>
  <xsl:include href="html-editorial.xsl"/>
  <xsl:include href="html-site.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <!-- Whitespace-only text in element-only TEI containers carries nothing. -->
  <xsl:strip-space elements="tei:TEI tei:teiHeader tei:fileDesc tei:titleStmt tei:respStmt
    tei:editionStmt tei:publicationStmt tei:availability tei:sourceDesc tei:bibl tei:msDesc
    tei:msIdentifier tei:msContents tei:msItem tei:encodingDesc tei:profileDesc tei:creation
    tei:correspDesc tei:correspAction tei:abstract tei:revisionDesc tei:standOff
    tei:listPerson tei:listPlace tei:listOrg tei:person tei:place tei:org tei:location
    tei:text tei:front tei:body tei:back tei:div tei:list tei:table tei:row"/>

  <!-- ===== what the page is about (used by several templates) ===== -->

  <xsl:variable name="header" select="/tei:TEI/tei:teiHeader"/>

  <xsl:variable name="doc-title">
    <xsl:variable name="titles" select="$header/tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]"/>
    <xsl:choose>
      <xsl:when test="$titles[@type = 'main']"><xsl:value-of select="normalize-space($titles[@type = 'main'][1])"/></xsl:when>
      <xsl:when test="$titles"><xsl:value-of select="normalize-space($titles[1])"/></xsl:when>
      <xsl:when test="/tei:TEI/tei:text//tei:head[normalize-space()]"><xsl:value-of select="normalize-space(/tei:TEI/tei:text//tei:head[normalize-space()][1])"/></xsl:when>
      <xsl:when test="/tei:TEI/@xml:id"><xsl:value-of select="/tei:TEI/@xml:id"/></xsl:when>
      <xsl:otherwise>Untitled document</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The date of the document: creation, else the sender's, else the source's. -->
  <xsl:variable name="creation-date" select="($header/tei:profileDesc/tei:creation/tei:date[normalize-space() or @when])[1]"/>
  <xsl:variable name="sent-date" select="($header/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:date[normalize-space() or @when])[1]"/>
  <xsl:variable name="bibl-date" select="($header/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:date[normalize-space() or @when])[1]"/>
  <xsl:variable name="doc-date" select="$creation-date | $sent-date[not($creation-date)] | $bibl-date[not($creation-date or $sent-date)]"/>

  <!-- "Telegram": the catRef's category, else the document div's @subtype. -->
  <xsl:variable name="doc-kind">
    <xsl:variable name="cat" select="key('id', substring-after(normalize-space($header/tei:profileDesc/tei:textClass/tei:catRef[1]/@target), '#'))"/>
    <xsl:choose>
      <xsl:when test="$cat/tei:catDesc"><xsl:value-of select="normalize-space($cat/tei:catDesc)"/></xsl:when>
      <xsl:when test="/tei:TEI/tei:text/tei:body/tei:div[1]/@subtype">
        <xsl:value-of select="translate(/tei:TEI/tei:text/tei:body/tei:div[1]/@subtype, '-_', '  ')"/>
      </xsl:when>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="edition-name">
    <xsl:choose>
      <xsl:when test="normalize-space($edition-title) != ''"><xsl:value-of select="normalize-space($edition-title)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($header/tei:fileDesc/tei:publicationStmt/tei:publisher[1])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="home">
    <xsl:choose>
      <xsl:when test="$index-href != ''"><xsl:value-of select="$index-href"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$base-url"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The file name of this page: the TEI file's name with .html (the
       builders write doc.xml and doc.html side by side or in tei/ and ./),
       else the TEI document's xml:id + ".html". -->
  <xsl:variable name="page-name">
    <xsl:variable name="tei-file">
      <xsl:call-template name="basename"><xsl:with-param name="path" select="$tei-href"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="substring($tei-file, string-length($tei-file) - 3) = '.xml' and string-length($tei-file) &gt; 4">
        <xsl:value-of select="concat(substring($tei-file, 1, string-length($tei-file) - 4), '.html')"/>
      </xsl:when>
      <xsl:when test="/tei:TEI/@xml:id"><xsl:value-of select="concat(/tei:TEI/@xml:id, '.html')"/></xsl:when>
    </xsl:choose>
  </xsl:variable>

  <!-- The URL this page is cited by. -->
  <xsl:variable name="this-url">
    <xsl:choose>
      <xsl:when test="$page-url != ''"><xsl:value-of select="$page-url"/></xsl:when>
      <xsl:when test="$base-url != '' and $page-name != ''">
        <xsl:value-of select="$base-url"/>
        <xsl:if test="substring($base-url, string-length($base-url)) != '/'">/</xsl:if>
        <xsl:value-of select="$page-name"/>
      </xsl:when>
    </xsl:choose>
  </xsl:variable>

  <!-- "tei/doc.xml?x#y" gives "doc.xml". -->
  <xsl:template name="basename">
    <xsl:param name="path"/>
    <xsl:variable name="p" select="substring-before(concat(substring-before(concat($path, '#'), '#'), '?'), '?')"/>
    <xsl:choose>
      <xsl:when test="contains($p, '/')">
        <xsl:call-template name="basename"><xsl:with-param name="path" select="substring-after($p, '/')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$p"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== the page ===== -->

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="tei:TEI">
        <xsl:apply-templates select="tei:TEI"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">
          <xsl:text>render: the root element is {</xsl:text>
          <xsl:value-of select="namespace-uri(*)"/>
          <xsl:text>}</xsl:text>
          <xsl:value-of select="local-name(*)"/>
          <xsl:text>, not a TEI document ({http://www.tei-c.org/ns/1.0}TEI)</xsl:text>
        </xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:TEI">
    <xsl:variable name="lang">
      <xsl:choose>
        <xsl:when test="normalize-space(@xml:lang) != ''"><xsl:value-of select="normalize-space(@xml:lang)"/></xsl:when>
        <xsl:when test="normalize-space(tei:text/@xml:lang) != ''"><xsl:value-of select="normalize-space(tei:text/@xml:lang)"/></xsl:when>
        <xsl:otherwise>en</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <html lang="{$lang}">
      <xsl:text>&#10;</xsl:text>
      <head>
        <xsl:text>&#10;</xsl:text>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <xsl:text>&#10;</xsl:text>
        <title>
          <xsl:value-of select="$doc-title"/>
          <xsl:if test="$edition-name != ''"><xsl:value-of select="concat(' — ', $edition-name)"/></xsl:if>
        </title>
        <xsl:text>&#10;</xsl:text>
        <xsl:if test="$header/tei:profileDesc/tei:abstract[normalize-space()]">
          <meta name="description" content="{normalize-space($header/tei:profileDesc/tei:abstract[normalize-space()][1])}"/>
          <xsl:text>&#10;</xsl:text>
        </xsl:if>
        <meta name="generator" content="tei-encoder tei-to-html.xsl"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:if test="$this-url != ''">
          <link rel="canonical" href="{$this-url}"/>
          <xsl:text>&#10;</xsl:text>
        </xsl:if>
        <xsl:if test="$tei-href != ''">
          <link rel="alternate" type="application/tei+xml" href="{$tei-href}" title="TEI XML"/>
          <xsl:text>&#10;</xsl:text>
        </xsl:if>
        <xsl:call-template name="css"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:if test="$css-href != ''">
          <link rel="stylesheet" href="{$css-href}"/>
          <xsl:text>&#10;</xsl:text>
        </xsl:if>
      </head>
      <xsl:text>&#10;</xsl:text>
      <body>
        <xsl:text>&#10;</xsl:text>
        <a class="skip" href="#ed-text">Skip to the document text</a>
        <xsl:text>&#10;</xsl:text>
        <xsl:if test="$edition-name != '' or $index-href != ''">
          <header class="site-header">
            <xsl:choose>
              <xsl:when test="$home != '' and $edition-name != ''"><a href="{$home}"><xsl:value-of select="$edition-name"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="$edition-name"/></xsl:otherwise>
            </xsl:choose>
            <!-- in a site (the index is known), links to the index and the register pages (html-site.xsl) -->
            <xsl:if test="$index-href != ''">
              <xsl:call-template name="site-nav"/>
            </xsl:if>
          </header>
          <xsl:text>&#10;</xsl:text>
        </xsl:if>
        <main>
          <xsl:text>&#10;</xsl:text>
          <article class="edition" aria-labelledby="ed-title">
            <xsl:text>&#10;</xsl:text>
            <xsl:apply-templates select="tei:teiHeader" mode="panel"/>
            <xsl:apply-templates select="tei:text"/>
            <xsl:apply-templates select="tei:standOff" mode="register"/>
            <xsl:apply-templates select="tei:teiHeader" mode="cite"/>
          </article>
          <xsl:text>&#10;</xsl:text>
        </main>
        <xsl:text>&#10;</xsl:text>
        <footer class="site-footer">
          <p>
            <xsl:if test="$tei-href != ''">
              <a href="{$tei-href}" type="application/tei+xml">TEI XML source</a>
              <xsl:text> · </xsl:text>
            </xsl:if>
            <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence[starts-with(normalize-space(@target), 'http://') or starts-with(normalize-space(@target), 'https://')][1]">
              <xsl:text>Markup and editorial additions: </xsl:text>
              <a rel="license" href="{normalize-space(@target)}">licence</a>
              <xsl:text> · </xsl:text>
            </xsl:for-each>
            <xsl:text>Rendered from TEI P5</xsl:text>
            <xsl:for-each select="$header/tei:encodingDesc/tei:appInfo/tei:application[1]">
              <xsl:value-of select="concat(' encoded by ', normalize-space(@ident), ' ', normalize-space(@version))"/>
            </xsl:for-each>
            <xsl:text>.</xsl:text>
          </p>
        </footer>
        <xsl:text>&#10;</xsl:text>
      </body>
      <xsl:text>&#10;</xsl:text>
    </html>
  </xsl:template>

</xsl:stylesheet>
