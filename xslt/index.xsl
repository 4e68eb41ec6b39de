<?xml version="1.0" encoding="UTF-8"?>
<!--
  index.xsl: the edition's index page, from a small listing that
  encoder.render.render_index builds (no namespace):

    <edition title="Edition title">
      <doc href="doc_1.html" title="Telegram from Baku to Moscow"
           date="1945-11-21" summary="Telegram to top Soviet officials ..."
           type="Telegram" tei="doc_1.xml"/>
      ...
    </edition>

  href and title are required; date (ISO 8601: YYYY, YYYY-MM or
  YYYY-MM-DD, optionally with a time), summary, type (document kind),
  tei (link to the TEI file) and id (the entry's anchor on the index page,
  e.g. the TEI document id; unique) are optional. Documents are listed by date,
  then title; undated ones come last.

  The page of a large edition is made in parts (encoder.publish), the same
  bytes as in one run: <edition title="..." count="12000" first-year="1945"
  last-year="1991"/> without any doc gives the page with the comment
  <!-\-tei-encoder docs-\-> where the list's items go, and
  <edition-docs><doc .../>...</edition-docs> gives those items alone (an
  HTML fragment), in the page's order.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:import href="params.xsl"/>
  <xsl:include href="html-common.xsl"/>
  <xsl:include href="html-css.xsl"/>
  <xsl:include href="html-site.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="edition">
        <xsl:apply-templates select="edition"/>
      </xsl:when>
      <xsl:when test="edition-docs">
        <xsl:for-each select="edition-docs"><xsl:call-template name="doc-items"/></xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">index: the input is not an &lt;edition&gt; listing</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="edition">
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="normalize-space($edition-title) != ''"><xsl:value-of select="normalize-space($edition-title)"/></xsl:when>
        <xsl:when test="normalize-space(@title) != ''"><xsl:value-of select="normalize-space(@title)"/></xsl:when>
        <xsl:otherwise>Edition</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="count">
      <xsl:choose>
        <xsl:when test="@count"><xsl:value-of select="@count"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="count(doc)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <html lang="en">
      <xsl:text>&#10;</xsl:text>
      <head>
        <xsl:text>&#10;</xsl:text>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <xsl:text>&#10;</xsl:text>
        <title><xsl:value-of select="$title"/></title>
        <xsl:text>&#10;</xsl:text>
        <meta name="generator" content="tei-encoder index.xsl"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="css"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="site-css"/>
        <xsl:text>&#10;</xsl:text>
        <!-- the search (encoder.site): the prebuilt index, then the script that reads it -->
        <script src="search-index.js" defer="defer"></script>
        <xsl:text>&#10;</xsl:text>
        <script src="search.js" defer="defer"></script>
        <xsl:text>&#10;</xsl:text>
        <xsl:if test="$css-href != ''">
          <link rel="stylesheet" href="{$css-href}"/>
          <xsl:text>&#10;</xsl:text>
        </xsl:if>
      </head>
      <xsl:text>&#10;</xsl:text>
      <body>
        <xsl:text>&#10;</xsl:text>
        <a class="skip" href="#ed-docs">Skip to the list of documents</a>
        <xsl:text>&#10;</xsl:text>
        <header class="site-header">
          <xsl:call-template name="site-nav">
            <xsl:with-param name="current" select="'index'"/>
            <xsl:with-param name="index" select="'index.html'"/>
          </xsl:call-template>
        </header>
        <xsl:text>&#10;</xsl:text>
        <main>
          <xsl:text>&#10;</xsl:text>
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:text>&#10;</xsl:text>
          <!-- Search: shown by search.js when the index is there; without JavaScript the list below is the index. -->
          <div class="search" id="ed-search" hidden="hidden">
            <form action="index.html" role="search">
              <label for="ed-q">Search the documents and the registers</label>
              <input type="search" id="ed-q" name="q" autocomplete="off" spellcheck="false"/>
            </form>
            <p class="search-status" id="ed-search-status" role="status"></p>
            <ol class="search-results" id="ed-search-results"></ol>
          </div>
          <xsl:text>&#10;</xsl:text>
          <p class="count" data-search-hides="">
            <xsl:value-of select="$count"/>
            <xsl:choose>
              <xsl:when test="$count = 1"> document</xsl:when>
              <xsl:otherwise> documents</xsl:otherwise>
            </xsl:choose>
            <xsl:if test="doc[@date] or @first-year">
              <xsl:variable name="first">
                <xsl:value-of select="@first-year"/>
                <xsl:for-each select="doc[@date]">
                  <xsl:sort select="@date"/>
                  <xsl:if test="position() = 1"><xsl:value-of select="substring(@date, 1, 4)"/></xsl:if>
                </xsl:for-each>
              </xsl:variable>
              <xsl:variable name="last">
                <xsl:value-of select="@last-year"/>
                <xsl:for-each select="doc[@date]">
                  <xsl:sort select="@date" order="descending"/>
                  <xsl:if test="position() = 1"><xsl:value-of select="substring(@date, 1, 4)"/></xsl:if>
                </xsl:for-each>
              </xsl:variable>
              <xsl:value-of select="concat(', ', $first)"/>
              <xsl:if test="$last != $first"><xsl:value-of select="concat('–', $last)"/></xsl:if>
            </xsl:if>
            <xsl:text>.</xsl:text>
          </p>
          <xsl:text>&#10;</xsl:text>
          <ol class="doc-list" id="ed-docs" data-search-hides="">
            <xsl:choose>
              <xsl:when test="@count"><xsl:comment>tei-encoder docs</xsl:comment></xsl:when>
              <xsl:otherwise><xsl:call-template name="doc-items"/></xsl:otherwise>
            </xsl:choose>
            <xsl:text>&#10;</xsl:text>
          </ol>
          <xsl:text>&#10;</xsl:text>
        </main>
        <xsl:text>&#10;</xsl:text>
        <footer class="site-footer"><p>Each document is a reading edition rendered from its TEI P5 file.</p></footer>
        <xsl:text>&#10;</xsl:text>
      </body>
      <xsl:text>&#10;</xsl:text>
    </html>
  </xsl:template>

  <!-- The list's items: the documents of the context node, in the page's order. -->
  <xsl:template name="doc-items">
    <xsl:for-each select="doc">
      <xsl:sort select="not(@date)" data-type="text"/>
      <xsl:sort select="@date" data-type="text"/>
      <xsl:sort select="@title" data-type="text"/>
      <xsl:sort select="@href" data-type="text"/>
      <xsl:text>&#10;</xsl:text>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="doc">
    <xsl:variable name="when" select="normalize-space(@date)"/>
    <xsl:variable name="datetime">
      <xsl:call-template name="html-datetime"><xsl:with-param name="iso" select="$when"/></xsl:call-template>
    </xsl:variable>
    <li>
      <xsl:if test="normalize-space(@id) != ''">
        <xsl:attribute name="id"><xsl:value-of select="translate(normalize-space(@id), ' ', '_')"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$when != '' or @type">
        <p class="meta-line">
          <xsl:if test="@type">
            <span class="doc-type"><xsl:value-of select="@type"/></span>
            <xsl:if test="$when != ''"> · </xsl:if>
          </xsl:if>
          <xsl:if test="$when != ''">
            <xsl:variable name="label">
              <xsl:call-template name="format-date"><xsl:with-param name="iso" select="$when"/></xsl:call-template>
            </xsl:variable>
            <xsl:choose>
              <xsl:when test="$datetime != ''"><time datetime="{$datetime}"><xsl:value-of select="$label"/></time></xsl:when>
              <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
            </xsl:choose>
          </xsl:if>
        </p>
      </xsl:if>
      <a class="doc-title" href="{@href}"><xsl:value-of select="@title"/></a>
      <xsl:if test="normalize-space(@from) != '' or normalize-space(@to) != ''">
        <p class="meta-line corresp">
          <xsl:if test="normalize-space(@from) != ''">From <xsl:value-of select="@from"/></xsl:if>
          <xsl:if test="normalize-space(@from) != '' and normalize-space(@to) != ''"><xsl:text> </xsl:text></xsl:if>
          <xsl:if test="normalize-space(@to) != ''">
            <xsl:choose>
              <xsl:when test="normalize-space(@from) != ''">to </xsl:when>
              <xsl:otherwise>To </xsl:otherwise>
            </xsl:choose>
            <xsl:value-of select="@to"/>
          </xsl:if>
        </p>
      </xsl:if>
      <xsl:if test="normalize-space(@summary) != ''">
        <p class="summary"><xsl:value-of select="@summary"/></p>
      </xsl:if>
      <xsl:if test="normalize-space(@tei) != ''">
        <p class="meta-line"><a href="{@tei}" type="application/tei+xml">TEI XML</a></p>
      </xsl:if>
    </li>
  </xsl:template>

</xsl:stylesheet>
