<?xml version="1.0" encoding="UTF-8"?>
<!--
  The document itself: divisions, headings, opener/closer, paragraphs,
  line breaks, and a catch-all that keeps the text of any element this
  stylesheet does not know. Every block with an xml:id keeps it as its HTML
  id and gets a visible pilcrow link to itself.
  Included by tei-to-html.xsl.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

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
    <xsl:variable name="footnotes" select=".//tei:note[@place = 'foot' or @place = 'end' or @place = 'bottom']"/>
    <xsl:if test="$footnotes">
      <section class="notes" id="ed-notes" aria-labelledby="ed-notes-h">
        <h2 id="ed-notes-h">Notes</h2>
        <ol class="endnotes">
          <xsl:apply-templates select="$footnotes" mode="endnote"/>
        </ol>
      </section>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- How to read the brackets; only when the text has some. -->
  <xsl:template name="bracket-key">
    <xsl:if test=".//tei:supplied | .//tei:gap | .//tei:note[not(@place = 'foot' or @place = 'end' or @place = 'bottom')] | .//tei:ref[@type = 'footnote']">
      <p class="bracket-key">
        <xsl:text>Square brackets </xsl:text>
        <span class="ed-sample">[ ]</span>
        <xsl:text> mark what the translator or editors added: words missing in the original, identifications, remarks, omissions and footnote numbers.</xsl:text>
        <span class="hint"> Point at a bracket, tap it or move to it with the Tab key to see what it is.</span>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back">
    <div class="tei-{local-name()}">
      <xsl:apply-templates/>
    </div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- A div with a head is an HTML section; without one, a plain div. -->
  <xsl:template match="tei:div">
    <xsl:variable name="tag">
      <xsl:choose>
        <xsl:when test="tei:head">section</xsl:when>
        <xsl:otherwise>div</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$tag}">
      <xsl:attribute name="class">tei-div</xsl:attribute>
      <xsl:if test="@xml:id">
        <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="@subtype">
        <xsl:attribute name="data-subtype"><xsl:value-of select="@subtype"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="@xml:lang" mode="attr"/>
      <xsl:apply-templates/>
    </xsl:element>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- The first heading of the text is h2 (the page title is h1). -->
  <xsl:template match="tei:head">
    <xsl:variable name="depth" select="count(ancestor::tei:div)"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="$depth + 1 &gt; 6">6</xsl:when>
        <xsl:when test="$depth &lt; 1">2</xsl:when>
        <xsl:otherwise><xsl:value-of select="$depth + 1"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$level}">
      <xsl:attribute name="class">tei-head</xsl:attribute>
      <xsl:if test="@xml:id">
        <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument | tei:epigraph">
    <div class="tei-{local-name()}">
      <xsl:apply-templates/>
    </div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- Paragraphs and the blocks of opener/closer. -->
  <xsl:template match="tei:p
                       | tei:dateline | tei:salute | tei:signed | tei:trailer | tei:byline | tei:docAuthor
                       | tei:seg[parent::tei:opener or parent::tei:closer]
                       | tei:address[parent::tei:opener or parent::tei:closer]">
    <xsl:variable name="id"><xsl:call-template name="block-id"/></xsl:variable>
    <p>
      <xsl:attribute name="class">
        <xsl:value-of select="concat('tei-', local-name())"/>
        <xsl:if test="self::tei:seg and @type">
          <xsl:value-of select="concat(' seg-', translate(normalize-space(@type), ' ', '-'))"/>
        </xsl:if>
      </xsl:attribute>
      <xsl:if test="$id != ''">
        <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="@xml:lang" mode="attr"/>
      <xsl:apply-templates/>
      <xsl:call-template name="pilcrow"><xsl:with-param name="id" select="$id"/></xsl:call-template>
    </p>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- A p inside an inline or header context must not nest <p> in <p>. -->
  <xsl:template match="tei:note//tei:p | tei:q//tei:p | tei:quote[ancestor::tei:p]//tei:p">
    <span class="tei-p"><xsl:apply-templates/></span>
    <xsl:if test="following-sibling::tei:p"><br/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb">
    <br/>
  </xsl:template>

  <!-- Page breaks are milestones: a marker, no text of its own. -->
  <xsl:template match="tei:pb">
    <span class="tei-pb" title="page {@n}" data-n="{@n}">
      <xsl:if test="@xml:id">
        <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:seg | tei:address | tei:addrLine | tei:rs | tei:name | tei:title | tei:term | tei:abbr | tei:expan | tei:measure | tei:time">
    <span class="tei-{local-name()}">
      <xsl:call-template name="text-id"/>
      <xsl:if test="@type">
        <xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="@xml:lang" mode="attr"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:hi">
    <xsl:variable name="rend" select="concat(' ', normalize-space(@rend), ' ', normalize-space(@rendition), ' ')"/>
    <xsl:choose>
      <xsl:when test="contains($rend, 'italic')"><i class="tei-hi"><xsl:apply-templates/></i></xsl:when>
      <xsl:when test="contains($rend, 'bold') or contains($rend, 'strong')"><b class="tei-hi"><xsl:apply-templates/></b></xsl:when>
      <xsl:when test="contains($rend, 'sup')"><sup class="tei-hi"><xsl:apply-templates/></sup></xsl:when>
      <xsl:when test="contains($rend, 'sub')"><sub class="tei-hi"><xsl:apply-templates/></sub></xsl:when>
      <xsl:when test="contains($rend, 'underline')"><u class="tei-hi"><xsl:apply-templates/></u></xsl:when>
      <xsl:otherwise><span class="tei-hi"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:q | tei:quote | tei:said | tei:mentioned | tei:soCalled">
    <xsl:choose>
      <xsl:when test="tei:p | tei:lg">
        <blockquote class="tei-{local-name()}"><xsl:apply-templates/></blockquote>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-{local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <xsl:choose>
      <xsl:when test="@type = 'ordered' or @rend = 'numbered'">
        <ol class="tei-list"><xsl:apply-templates select="tei:item | tei:label"/></ol>
      </xsl:when>
      <xsl:otherwise>
        <ul class="tei-list"><xsl:apply-templates select="tei:item | tei:label"/></ul>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:list/tei:label"/>

  <xsl:template match="tei:item">
    <li class="tei-item">
      <xsl:if test="@xml:id">
        <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="preceding-sibling::*[1][self::tei:label]">
        <span class="tei-label"><xsl:apply-templates select="preceding-sibling::*[1]/node()"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <xsl:template match="tei:table">
    <table class="tei-table">
      <xsl:if test="tei:head"><caption><xsl:apply-templates select="tei:head/node()"/></caption></xsl:if>
      <tbody><xsl:apply-templates select="tei:row"/></tbody>
    </table>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:row">
    <tr><xsl:apply-templates select="tei:cell"/></tr>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:choose>
      <xsl:when test="../@role = 'label' or @role = 'label'"><th><xsl:apply-templates/></th></xsl:when>
      <xsl:otherwise><td><xsl:apply-templates/></td></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:lg">
    <div class="tei-lg"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:l">
    <span class="tei-l"><xsl:apply-templates/></span><br/>
  </xsl:template>

  <!-- An inline element of the text keeps its xml:id as an anchor (e.g. a
       glossary term in back that term/@ref points to). Header elements are
       not given ids: some are shown twice. -->
  <xsl:template name="text-id">
    <xsl:if test="@xml:id and ancestor::tei:text">
      <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- Comments and processing instructions in the TEI are not shown. -->
  <xsl:template match="comment() | processing-instruction()"/>

  <!-- Anything else keeps its text, wrapped so the TEI trail stays visible. -->
  <xsl:template match="tei:*" priority="-1">
    <span class="tei-{local-name()}">
      <xsl:call-template name="text-id"/>
      <xsl:apply-templates select="@xml:lang" mode="attr"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Elements outside the TEI namespace: their text only. -->
  <xsl:template match="*" priority="-2">
    <xsl:apply-templates/>
  </xsl:template>

</xsl:stylesheet>
