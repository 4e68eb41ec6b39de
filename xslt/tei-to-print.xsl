<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-to-print.xsl: one TEI document to the HTML page a PDF is made from
  (encoder.pdf runs WeasyPrint on it). It imports the reading-edition
  stylesheet and changes only what paper needs:

    - no site chrome (banner, footer, skip link, pilcrows, register);
    - the header panel is the title block at the start;
    - footnotes: the note goes where the text calls it ([n]), as
      <span class="footnote">, which the paged CSS floats to the foot of
      the page (float: footnote); a note nothing calls is placed where it
      stands;
    - every persName, placeName and orgName of the text is wrapped in an
      anchor <span class="ix" id="ix-N"> with its register entry (data-ix-ref),
      the entry's standard name (data-ix-name; the words of the text when
      there is no entry) and its kind (data-ix-kind). encoder.pdf builds the
      index of names from these anchors (target-counter gives the pages).

  The page is a complete HTML document and reads well in a browser too.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:import href="tei-to-html.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

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
        <title><xsl:value-of select="$doc-title"/></title>
        <xsl:text>&#10;</xsl:text>
        <xsl:if test="$header/tei:profileDesc/tei:abstract[normalize-space()]">
          <meta name="description" content="{normalize-space($header/tei:profileDesc/tei:abstract[normalize-space()][1])}"/>
          <xsl:text>&#10;</xsl:text>
        </xsl:if>
        <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/tei:respStmt[tei:persName]">
          <meta name="author" content="{normalize-space(tei:persName[1])} ({normalize-space(tei:resp[1])})"/>
          <xsl:text>&#10;</xsl:text>
        </xsl:for-each>
        <meta name="generator" content="tei-encoder tei-to-print.xsl"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="css"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="paged-css"/>
        <xsl:text>&#10;</xsl:text>
      </head>
      <xsl:text>&#10;</xsl:text>
      <body class="print">
        <xsl:text>&#10;</xsl:text>
        <main>
          <xsl:text>&#10;</xsl:text>
          <article class="edition print-doc" aria-labelledby="ed-title">
            <xsl:text>&#10;</xsl:text>
            <xsl:apply-templates select="tei:teiHeader" mode="panel"/>
            <xsl:apply-templates select="tei:text"/>
            <xsl:apply-templates select="tei:teiHeader" mode="cite"/>
          </article>
          <xsl:text>&#10;</xsl:text>
        </main>
        <xsl:text>&#10;</xsl:text>
      </body>
      <xsl:text>&#10;</xsl:text>
    </html>
  </xsl:template>

  <!-- The text without the endnote list: its notes are footnotes. -->
  <xsl:template match="tei:text">
    <div class="tei-text" id="ed-text">
      <xsl:apply-templates select="@xml:lang" mode="attr"/>
      <xsl:if test="not(tei:body/tei:div[1]/tei:head or tei:body/tei:head)">
        <h2>Document text</h2>
      </xsl:if>
      <xsl:call-template name="bracket-key"/>
      <xsl:text>&#10;</xsl:text>
      <xsl:apply-templates select="tei:front | tei:body | tei:back"/>
    </div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- No link to itself on paper. -->
  <xsl:template name="pilcrow"/>

  <!-- ===== footnotes ===== -->

  <!-- The refs of the text that call a note, by the note's id. -->
  <xsl:key name="calls" match="tei:text//tei:ref[@type = 'footnote'][not(ancestor::tei:note[@place = 'foot' or @place = 'end' or @place = 'bottom'])]"
           use="normalize-space(.)"/>

  <xsl:template match="tei:ref[@type = 'footnote'][not(ancestor::tei:note[@place = 'foot' or @place = 'end' or @place = 'bottom'])]">
    <xsl:variable name="note" select="(key('id', substring(normalize-space(@target), 2))[self::tei:note][@place = 'foot' or @place = 'end' or @place = 'bottom'] | key('footnote-by-n', normalize-space(.)))[1]"/>
    <xsl:choose>
      <!-- the first call of a note carries it; later calls print [n] -->
      <xsl:when test="$note and generate-id(key('calls', normalize-space(.))[1]) = generate-id(.)">
        <xsl:apply-templates select="$note" mode="footnote"/>
      </xsl:when>
      <xsl:otherwise><xsl:apply-imports/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note in its own place: nothing when a ref carries it, else a footnote here. -->
  <xsl:template match="tei:note[@place = 'foot' or @place = 'end' or @place = 'bottom']">
    <xsl:variable name="label"><xsl:call-template name="note-label"/></xsl:variable>
    <xsl:if test="not(key('calls', normalize-space($label)))">
      <xsl:apply-templates select="." mode="footnote"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note" mode="footnote">
    <xsl:variable name="id"><xsl:call-template name="note-id"/></xsl:variable>
    <span class="footnote" id="{$id}">
      <xsl:attribute name="data-n"><xsl:call-template name="note-label"/></xsl:attribute>
      <!-- the note's own leading number is the footnote marker -->
      <xsl:apply-templates select="node()[not(self::tei:ref[@type = 'footnote'] and not(preceding-sibling::node()[normalize-space()]))]"/>
    </span>
  </xsl:template>

  <!-- ===== anchors for the index of names ===== -->

  <xsl:template match="tei:text//tei:persName | tei:text//tei:placeName | tei:text//tei:orgName">
    <xsl:variable name="id">
      <xsl:call-template name="local-id"><xsl:with-param name="ref" select="@ref"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="entry" select="key('id', $id)[ancestor::tei:standOff or ancestor::tei:back]"/>
    <xsl:variable name="name">
      <xsl:call-template name="entry-name"><xsl:with-param name="entry" select="$entry"/></xsl:call-template>
    </xsl:variable>
    <span class="ix" data-ix-kind="{local-name()}">
      <xsl:attribute name="id">
        <xsl:text>ix-</xsl:text>
        <xsl:number level="any" count="tei:text//tei:persName | tei:text//tei:placeName | tei:text//tei:orgName" from="tei:TEI"/>
      </xsl:attribute>
      <xsl:if test="$entry">
        <xsl:attribute name="data-ix-ref"><xsl:value-of select="$id"/></xsl:attribute>
      </xsl:if>
      <xsl:attribute name="data-ix-name">
        <xsl:choose>
          <xsl:when test="normalize-space($name) != ''"><xsl:value-of select="normalize-space($name)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <!-- the words of the name in the text, without titles and ranks -->
      <xsl:attribute name="data-ix-form">
        <xsl:for-each select=".//text()[not(ancestor::tei:roleName)]"><xsl:value-of select="."/></xsl:for-each>
      </xsl:attribute>
      <xsl:apply-imports/>
    </span>
  </xsl:template>

</xsl:stylesheet>
