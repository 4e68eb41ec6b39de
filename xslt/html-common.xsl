<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared helpers: keys, date formatting, "who did this" phrases for @resp,
  block anchors. Included by tei-to-html.xsl.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <!-- Every element with an xml:id, to resolve local pointers (#id). -->
  <xsl:key name="id" match="*[@xml:id]" use="@xml:id"/>

  <!-- Footnotes printed at the end, by number, for ref[@type='footnote']. -->
  <xsl:key name="footnote-by-n" match="tei:text//tei:note[@place='foot' or @place='end' or @place='bottom']" use="normalize-space(@n)"/>

  <!-- The id a pointer names: "#pers_x" gives "pers_x"; anything else, ''. -->
  <xsl:template name="local-id">
    <xsl:param name="ref"/>
    <xsl:variable name="r" select="normalize-space($ref)"/>
    <xsl:if test="starts-with($r, '#') and not(contains($r, ' '))">
      <xsl:value-of select="substring($r, 2)"/>
    </xsl:if>
  </xsl:template>

  <!-- '1' when the context node sits inside something rendered as <a>:
       HTML forbids a link (or a focusable span) inside a link. -->
  <xsl:template name="in-link">
    <xsl:if test="ancestor::*[self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:term]
                    [starts-with(normalize-space(@ref), 'http')
                     or key('id', substring(normalize-space(@ref), 2))[ancestor::tei:standOff or ancestor::tei:back]]
                  or ancestor::tei:ref[@target]">1</xsl:if>
  </xsl:template>

  <!-- The HTML id of a block: its xml:id, else "para-N" for the Nth p. -->
  <xsl:template name="block-id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:when test="self::tei:p">
        <xsl:text>para-</xsl:text>
        <xsl:number level="any" count="tei:p[not(@xml:id)][ancestor::tei:text]" from="tei:TEI"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The visible pilcrow that links a block to itself. -->
  <xsl:template name="pilcrow">
    <xsl:param name="id"/>
    <xsl:if test="$id != ''">
      <a class="pilcrow" href="#{$id}" title="Link to this passage (#{$id})" aria-label="Link to passage {$id}">¶</a>
    </xsl:if>
  </xsl:template>

  <!-- xml:lang becomes lang. -->
  <xsl:template match="@xml:lang" mode="attr">
    <xsl:attribute name="lang"><xsl:value-of select="."/></xsl:attribute>
  </xsl:template>

  <!-- Who is behind an intervention, from @resp (a pointer to a respStmt):
       the MARC relator code on resp/@ref says the role. -->
  <xsl:template name="resp-phrase">
    <xsl:param name="resp" select="@resp"/>
    <xsl:variable name="id">
      <xsl:call-template name="local-id">
        <xsl:with-param name="ref" select="substring-before(concat(normalize-space($resp), ' '), ' ')"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="stmt" select="key('id', $id)[self::tei:respStmt]"/>
    <xsl:variable name="role" select="normalize-space($stmt/tei:resp/@ref)"/>
    <xsl:variable name="code" select="substring($role, string-length($role) - 3)"/>
    <xsl:choose>
      <xsl:when test="$code = '/trl'">the translator</xsl:when>
      <xsl:when test="$code = '/edt' or $code = '/edc' or $code = '/pbd'">the editors</xsl:when>
      <xsl:when test="$code = '/ctb'">the contributor</xsl:when>
      <xsl:when test="$id = 'resp_enc' or ($stmt and not($stmt/tei:persName))">the encoding software</xsl:when>
      <xsl:when test="$stmt/tei:persName"><xsl:value-of select="normalize-space($stmt/tei:persName[1])"/></xsl:when>
      <xsl:otherwise>the editors</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD, with an optional time)
       as "21 November 1945, 22:00". Anything else is returned as given. -->
  <xsl:template name="format-date">
    <xsl:param name="iso"/>
    <xsl:variable name="d" select="normalize-space($iso)"/>
    <xsl:variable name="date" select="substring-before(concat($d, 'T'), 'T')"/>
    <xsl:variable name="time" select="substring-after($d, 'T')"/>
    <xsl:variable name="y" select="substring($date, 1, 4)"/>
    <xsl:variable name="m" select="substring($date, 6, 2)"/>
    <xsl:variable name="day" select="substring($date, 9, 2)"/>
    <xsl:variable name="month">
      <xsl:choose>
        <xsl:when test="$m = '01'">January</xsl:when>
        <xsl:when test="$m = '02'">February</xsl:when>
        <xsl:when test="$m = '03'">March</xsl:when>
        <xsl:when test="$m = '04'">April</xsl:when>
        <xsl:when test="$m = '05'">May</xsl:when>
        <xsl:when test="$m = '06'">June</xsl:when>
        <xsl:when test="$m = '07'">July</xsl:when>
        <xsl:when test="$m = '08'">August</xsl:when>
        <xsl:when test="$m = '09'">September</xsl:when>
        <xsl:when test="$m = '10'">October</xsl:when>
        <xsl:when test="$m = '11'">November</xsl:when>
        <xsl:when test="$m = '12'">December</xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string-length($y) != 4 or translate($y, '0123456789', '') != ''
                      or (string-length($date) &gt; 4 and $month = '')">
        <xsl:value-of select="$d"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="string-length($day) = 2">
          <xsl:value-of select="number($day)"/>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:if test="$month != ''">
          <xsl:value-of select="$month"/>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:value-of select="$y"/>
        <xsl:if test="string-length($time) &gt;= 5">
          <xsl:text>, </xsl:text>
          <xsl:value-of select="substring($time, 1, 5)"/>
          <xsl:variable name="zone" select="substring($time, 9)"/>
          <xsl:variable name="offset" select="substring($zone, string-length($zone) - 5)"/>
          <xsl:choose>
            <xsl:when test="substring($zone, string-length($zone)) = 'Z'"> UTC</xsl:when>
            <xsl:when test="contains($zone, '+') or contains($zone, '-')">
              <xsl:text> (UTC</xsl:text>
              <xsl:value-of select="$offset"/>
              <xsl:text>)</xsl:text>
            </xsl:when>
          </xsl:choose>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The value for <time datetime> from an ISO 8601 @when, or '' when HTML
       cannot express it. HTML is stricter than xs:dateTime: no hour 24
       ("1958-11-19T24:00:00", end of day), no 5-digit or negative years, no
       more than 3 decimals of a second, real calendar days only. When only
       the time is beyond HTML, the date alone is kept. -->
  <xsl:template name="html-datetime">
    <xsl:param name="iso"/>
    <xsl:variable name="d" select="normalize-space($iso)"/>
    <xsl:variable name="date" select="substring-before(concat($d, 'T'), 'T')"/>
    <xsl:variable name="time" select="substring-after($d, 'T')"/>
    <xsl:variable name="date-ok">
      <xsl:call-template name="html-date-ok"><xsl:with-param name="date" select="$date"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="time-ok">
      <xsl:if test="string-length($date) = 10 and $time != ''">
        <xsl:call-template name="html-time-ok"><xsl:with-param name="time" select="$time"/></xsl:call-template>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$date-ok = '' "/>
      <xsl:when test="$time-ok != ''"><xsl:value-of select="$d"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- '1' for YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day. -->
  <xsl:template name="html-date-ok">
    <xsl:param name="date"/>
    <xsl:variable name="y" select="substring($date, 1, 4)"/>
    <xsl:variable name="m" select="number(substring($date, 6, 2))"/>
    <xsl:variable name="day" select="number(substring($date, 9, 2))"/>
    <xsl:variable name="leap" select="($y mod 4 = 0 and $y mod 100 != 0) or $y mod 400 = 0"/>
    <xsl:variable name="last-day">
      <xsl:choose>
        <xsl:when test="$m = 2 and $leap">29</xsl:when>
        <xsl:when test="$m = 2">28</xsl:when>
        <xsl:when test="$m = 4 or $m = 6 or $m = 9 or $m = 11">30</xsl:when>
        <xsl:otherwise>31</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="string-length($y) = 4 and translate($y, '0123456789', '') = '' and $y &gt; 0
                  and (string-length($date) = 4 or substring($date, 5, 1) = '-')
                  and (string-length($date) &lt; 10 or substring($date, 8, 1) = '-')
                  and translate($date, '0123456789', '') = substring('--', 1, floor((string-length($date) - 4) div 3))
                  and (string-length($date) = 4
                       or (string-length($date) = 7 and $m &gt;= 1 and $m &lt;= 12)
                       or (string-length($date) = 10 and $m &gt;= 1 and $m &lt;= 12 and $day &gt;= 1 and $day &lt;= $last-day))">1</xsl:if>
  </xsl:template>

  <!-- '1' for hh:mm, hh:mm:ss or hh:mm:ss.s (1-3 decimals), then nothing,
       Z or +hh:mm / -hh:mm; hours 00-23. -->
  <xsl:template name="html-time-ok">
    <xsl:param name="time"/>
    <xsl:variable name="zone-at">
      <xsl:choose>
        <xsl:when test="contains($time, 'Z')"><xsl:value-of select="string-length(substring-before($time, 'Z')) + 1"/></xsl:when>
        <xsl:when test="contains($time, '+')"><xsl:value-of select="string-length(substring-before($time, '+')) + 1"/></xsl:when>
        <xsl:when test="contains($time, '-')"><xsl:value-of select="string-length(substring-before($time, '-')) + 1"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="string-length($time) + 1"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="clock" select="substring($time, 1, $zone-at - 1)"/>
    <xsl:variable name="zone" select="substring($time, $zone-at)"/>
    <xsl:variable name="secs" select="substring($clock, 7)"/>
    <xsl:variable name="clock-ok" select="string-length($clock) &gt;= 5 and substring($clock, 3, 1) = ':'
        and translate(concat(substring($clock, 1, 2), substring($clock, 4, 2)), '0123456789', '') = ''
        and number(substring($clock, 1, 2)) &lt;= 23 and number(substring($clock, 4, 2)) &lt;= 59
        and (string-length($clock) = 5
             or (substring($clock, 6, 1) = ':' and translate(substring($secs, 1, 2), '0123456789', '') = '' and string-length($secs) &gt;= 2
                 and number(substring($secs, 1, 2)) &lt;= 59
                 and (string-length($secs) = 2
                      or (substring($secs, 3, 1) = '.' and string-length($secs) &gt;= 4 and string-length($secs) &lt;= 6
                          and translate(substring($secs, 4), '0123456789', '') = ''))))"/>
    <xsl:variable name="zone-ok" select="$zone = '' or $zone = 'Z'
        or (string-length($zone) = 6 and contains('+-', substring($zone, 1, 1)) and substring($zone, 4, 1) = ':'
            and translate(concat(substring($zone, 2, 2), substring($zone, 5, 2)), '0123456789', '') = ''
            and number(substring($zone, 2, 2)) &lt;= 23 and number(substring($zone, 5, 2)) &lt;= 59)"/>
    <xsl:if test="$clock-ok and $zone-ok">1</xsl:if>
  </xsl:template>

  <!-- A full stop after $text, unless it already ends a sentence ("p.m."). -->
  <xsl:template name="full-stop">
    <xsl:param name="text"/>
    <xsl:variable name="t" select="normalize-space($text)"/>
    <xsl:if test="not(contains('.!?', substring($t, string-length($t))) and $t != '')">.</xsl:if>
  </xsl:template>

  <!-- A list of nodes joined by ", " (names in the header). -->
  <xsl:template name="join">
    <xsl:param name="nodes"/>
    <xsl:param name="sep" select="', '"/>
    <xsl:for-each select="$nodes">
      <xsl:if test="position() &gt; 1"><xsl:value-of select="$sep"/></xsl:if>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
