<?xml version="1.0" encoding="UTF-8"?>
<!--
  Editorial interventions, printed back as the square brackets of the source
  (the TEI encodes what a bracket means; only this file writes brackets):

    supplied                 [it]          words the translator/editors added
    note[@place='inline']    [text]        their remark; explanation by @type
    gap                      [desc]        something left out or illegible
    ref[@type='footnote']    [n]           superscript footnote number
    sic                      text          flagged spelling (its note follows)

  Each bracket is a <span class="ed" tabindex="0" title="..."> so that the
  explanation shows on hover (title), on keyboard focus and on a tap
  (CSS :focus), and is read out by screen readers. Inside a link a focusable
  span is not allowed, so there it keeps only the title.
  Included by tei-to-html.xsl.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <!-- The common wrapper: class, explanation, focusability, brackets. -->
  <xsl:template name="bracketed">
    <xsl:param name="class"/>
    <xsl:param name="explanation"/>
    <xsl:param name="open" select="'['"/>
    <xsl:param name="close" select="']'"/>
    <xsl:param name="content"/>
    <xsl:variable name="in-link"><xsl:call-template name="in-link"/></xsl:variable>
    <span class="ed {$class}" title="{$explanation}">
      <xsl:if test="$in-link = ''">
        <xsl:attribute name="tabindex">0</xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="@xml:lang" mode="attr"/>
      <xsl:value-of select="$open"/>
      <xsl:copy-of select="$content"/>
      <xsl:value-of select="$close"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:supplied">
    <xsl:variable name="who"><xsl:call-template name="resp-phrase"/></xsl:variable>
    <xsl:call-template name="bracketed">
      <xsl:with-param name="class" select="'tei-supplied'"/>
      <xsl:with-param name="explanation">
        <xsl:value-of select="concat('supplied by ', $who)"/>
        <xsl:choose>
          <xsl:when test="@reason = 'omitted-in-original'">: omitted in the original</xsl:when>
          <xsl:when test="@reason">: <xsl:value-of select="translate(@reason, '-_', '  ')"/></xsl:when>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="content"><xsl:apply-templates/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:gap">
    <xsl:variable name="who"><xsl:call-template name="resp-phrase"/></xsl:variable>
    <xsl:variable name="reason" select="translate(normalize-space(@reason), '-_', '  ')"/>
    <xsl:call-template name="bracketed">
      <xsl:with-param name="class" select="'tei-gap'"/>
      <xsl:with-param name="explanation">
        <xsl:choose>
          <xsl:when test="@reason = 'illegible'">illegible in the original</xsl:when>
          <xsl:when test="@reason = 'omitted'">passage left out</xsl:when>
          <xsl:when test="$reason != ''"><xsl:value-of select="concat('gap: ', $reason)"/></xsl:when>
          <xsl:otherwise>gap</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@resp"><xsl:value-of select="concat(' (noted by ', $who, ')')"/></xsl:if>
        <xsl:if test="@quantity">
          <xsl:value-of select="concat('; about ', @quantity, ' ', @unit)"/>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="content">
        <xsl:choose>
          <xsl:when test="tei:desc"><xsl:apply-templates select="tei:desc/node()"/></xsl:when>
          <xsl:when test="$reason != ''"><xsl:value-of select="$reason"/></xsl:when>
          <xsl:otherwise>…</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Inline notes: the source's own bracketed remarks. Notes in the text
       with any other @place than foot/end/bottom are printed the same way,
       so no text is lost. -->
  <xsl:template match="tei:note[@place = 'inline'] | tei:text//tei:note" priority="0.4">
    <xsl:variable name="who"><xsl:call-template name="resp-phrase"/></xsl:variable>
    <xsl:variable name="lang" select="(.//tei:foreign/@xml:lang)[1]"/>
    <xsl:call-template name="bracketed">
      <xsl:with-param name="class" select="concat('tei-note note-', translate(normalize-space(@type), ' ', '-'))"/>
      <xsl:with-param name="explanation">
        <xsl:choose>
          <xsl:when test="@type = 'identification'"><xsl:value-of select="concat('identification added by ', $who)"/></xsl:when>
          <xsl:when test="@type = 'sic'"><xsl:value-of select="concat('remark by ', $who, ': the preceding spelling is as in the original')"/></xsl:when>
          <xsl:when test="@type = 'original-wording'">
            <xsl:value-of select="concat('the original wording, given by ', $who)"/>
            <xsl:if test="starts-with($lang, 'ru')"> (Russian, transliterated)</xsl:if>
          </xsl:when>
          <xsl:when test="@type = 'editorial'"><xsl:value-of select="concat('editorial remark by ', $who)"/></xsl:when>
          <xsl:when test="@type = 'translator'"><xsl:value-of select="concat('remark by ', $who)"/></xsl:when>
          <xsl:when test="@type = 'source'"><xsl:value-of select="concat('source note by ', $who)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('note by ', $who)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="content"><xsl:apply-templates/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Notes meant for the foot of the page: a numbered marker here, the text
       in the Notes section (mode="endnote"). -->
  <!-- Footnote references of the text (ref type="footnote" outside the notes),
       by number and by target: the note they point to needs no marker of its own. -->
  <xsl:key name="footnote-ref-n" use="normalize-space(.)"
           match="tei:text//tei:ref[@type = 'footnote'][not(ancestor::tei:note[@place = 'foot' or @place = 'end' or @place = 'bottom'])]"/>
  <xsl:key name="footnote-ref-target" use="substring(normalize-space(@target), 2)"
           match="tei:text//tei:ref[@type = 'footnote'][starts-with(normalize-space(@target), '#')][not(ancestor::tei:note[@place = 'foot' or @place = 'end' or @place = 'bottom'])]"/>

  <!-- The text's references to this note (context: a foot/end note). -->
  <xsl:template name="note-refs-count">
    <xsl:choose>
      <xsl:when test="normalize-space(@n) != ''">
        <xsl:value-of select="count(key('footnote-ref-target', @xml:id) | key('footnote-ref-n', normalize-space(@n)))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="count(key('footnote-ref-target', @xml:id))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note that stands between blocks (as the source's footnotes at the end
       of the document do) and that the text refers to with its number leaves
       no marker behind: the reference is the marker, and the note leads back
       to it. A note inside a block, or one nothing refers to, is marked where
       it stands. -->
  <xsl:template name="note-marked-by-ref">
    <xsl:variable name="refs"><xsl:call-template name="note-refs-count"/></xsl:variable>
    <xsl:if test="(parent::tei:div or parent::tei:body or parent::tei:front or parent::tei:back) and $refs &gt; 0">1</xsl:if>
  </xsl:template>

  <xsl:template match="tei:note[@place = 'foot' or @place = 'end' or @place = 'bottom']">
    <xsl:variable name="by-ref"><xsl:call-template name="note-marked-by-ref"/></xsl:variable>
    <xsl:if test="$by-ref = ''">
      <xsl:call-template name="note-marker"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="note-marker">
    <xsl:variable name="id"><xsl:call-template name="note-id"/></xsl:variable>
    <xsl:variable name="in-link"><xsl:call-template name="in-link"/></xsl:variable>
    <sup class="note-marker">
      <xsl:choose>
        <xsl:when test="$in-link = ''">
          <a href="#{$id}" id="{$id}-ref" title="note {@n}"><xsl:call-template name="note-label"/></a>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="note-label"/></xsl:otherwise>
      </xsl:choose>
    </sup>
  </xsl:template>

  <xsl:template name="note-id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>
        <xsl:text>note-</xsl:text>
        <xsl:number level="any" count="tei:note[@place = 'foot' or @place = 'end' or @place = 'bottom']" from="tei:TEI"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="note-label">
    <xsl:choose>
      <xsl:when test="normalize-space(@n) != ''"><xsl:value-of select="normalize-space(@n)"/></xsl:when>
      <xsl:otherwise><xsl:number level="any" count="tei:note[@place = 'foot' or @place = 'end' or @place = 'bottom']" from="tei:TEI"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note" mode="endnote">
    <xsl:variable name="id"><xsl:call-template name="note-id"/></xsl:variable>
    <li id="{$id}">
      <span class="note-label"><xsl:call-template name="note-label"/>. </span>
      <xsl:apply-templates/>
      <xsl:text> </xsl:text>
      <a class="note-back" href="#{$id}-ref" aria-label="back to the text">↩</a>
    </li>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- ref[@type='footnote']: the source's footnote number, as "[2]". -->
  <xsl:template match="tei:ref[@type = 'footnote']">
    <xsl:variable name="n" select="normalize-space(.)"/>
    <xsl:variable name="target">
      <xsl:call-template name="local-id"><xsl:with-param name="ref" select="@target"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="note" select="(key('id', $target)[self::tei:note][@place = 'foot' or @place = 'end' or @place = 'bottom'] | key('footnote-by-n', $n))[1]"/>
    <xsl:variable name="note-id">
      <xsl:for-each select="$note"><xsl:call-template name="note-id"/></xsl:for-each>
    </xsl:variable>
    <xsl:variable name="in-link"><xsl:call-template name="in-link"/></xsl:variable>
    <!-- The first reference to a note that has no marker of its own is where
         the note's back link leads. -->
    <xsl:variable name="anchor">
      <xsl:for-each select="$note">
        <xsl:variable name="by-ref"><xsl:call-template name="note-marked-by-ref"/></xsl:variable>
        <xsl:if test="$by-ref != ''"><xsl:value-of select="concat($note-id, '-ref')"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="first-ref" select="(key('footnote-ref-target', $target) | key('footnote-ref-n', $n))[1]"/>
    <xsl:choose>
      <!-- The source's own number at the head of the note: the note's label shows it. -->
      <xsl:when test="$note and ancestor::tei:note[generate-id() = generate-id($note)]"/>
      <xsl:otherwise>
        <sup class="tei-ref footnote-ref">
          <xsl:if test="$anchor != '' and generate-id($first-ref) = generate-id()">
            <xsl:attribute name="id"><xsl:value-of select="$anchor"/></xsl:attribute>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="$note and $in-link = ''">
              <a href="#{$note-id}" title="footnote {$n}">
                <xsl:text>[</xsl:text><xsl:apply-templates/><xsl:text>]</xsl:text>
              </a>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="bracketed">
                <xsl:with-param name="class" select="'footnote-number'"/>
                <xsl:with-param name="explanation" select="concat('footnote ', $n, ' of the source (the footnote text is not part of this page)')"/>
                <xsl:with-param name="content"><xsl:apply-templates/></xsl:with-param>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </sup>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Other refs: links when they point somewhere. -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="t" select="normalize-space(@target)"/>
    <xsl:variable name="in-link">
      <xsl:for-each select="..">
        <xsl:call-template name="in-link"/>
        <xsl:if test="self::tei:persName[@ref] or self::tei:placeName[@ref] or self::tei:orgName[@ref]">1</xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$t != '' and not(contains($t, ' ')) and $in-link = ''
                      and (starts-with($t, 'http://') or starts-with($t, 'https://') or (starts-with($t, '#') and key('id', substring($t, 2))))">
        <a class="tei-{local-name()}" href="{$t}">
          <xsl:apply-templates/>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$t"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-{local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:sic">
    <span class="tei-sic" title="sic: so in the original">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- choice: show what the source has; the alternative goes in the title. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="shown" select="(tei:sic | tei:orig | tei:abbr)[1]"/>
    <xsl:variable name="other" select="(tei:corr | tei:reg | tei:expan)[1]"/>
    <span class="tei-choice" title="{concat(local-name($other), ': ', normalize-space($other))}">
      <xsl:choose>
        <xsl:when test="$shown"><xsl:apply-templates select="$shown/node()"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="*[1]/node()"/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <span class="tei-foreign">
      <xsl:apply-templates select="@xml:lang" mode="attr"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:unclear">
    <span class="tei-unclear" title="unclear in the original">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

</xsl:stylesheet>
