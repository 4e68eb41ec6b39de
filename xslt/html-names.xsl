<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names, dates and numbers in running text, and the register rendered from
  standOff. A name whose @ref points to a register entry becomes a link to
  that entry (<a class="tei-persName" href="#pers_x">); the register entry
  carries the anchor. Included by tei-to-html.xsl.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <!-- Pointers from the text to an entry: single ones by id, and the rare
       multi-token @ref ("#a #b") all under one key, filtered where used. -->
  <xsl:key name="mention" match="tei:text//*[starts-with(normalize-space(@ref), '#')][not(contains(normalize-space(@ref), ' '))]"
           use="substring(normalize-space(@ref), 2)"/>
  <xsl:key name="multi-ref" match="tei:text//*[contains(normalize-space(@ref), ' ')]" use="'all'"/>

  <!-- ===== names in text ===== -->

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:term[@ref] | tei:repository | tei:institution">
    <xsl:variable name="ref" select="normalize-space(@ref)"/>
    <xsl:variable name="id">
      <xsl:call-template name="local-id"><xsl:with-param name="ref" select="$ref"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="entry" select="key('id', $id)[ancestor::tei:standOff or ancestor::tei:back]"/>
    <xsl:variable name="in-link"><xsl:call-template name="in-link"/></xsl:variable>
    <xsl:variable name="class">
      <xsl:text>tei-</xsl:text><xsl:value-of select="local-name()"/>
      <xsl:if test="contains(concat(' ', normalize-space($entry/@resp), ' '), ' #resp_enc ')"> unreviewed</xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$in-link != ''">
        <span class="{$class}">
          <xsl:call-template name="name-attrs"><xsl:with-param name="entry" select="$entry"/></xsl:call-template>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:when test="$entry">
        <!-- in a site, the entry's register page (html-site.xsl); on a page alone, its register section here -->
        <xsl:variable name="register-page">
          <xsl:if test="$index-href != ''">
            <xsl:call-template name="register-page"><xsl:with-param name="entry" select="$entry"/></xsl:call-template>
          </xsl:if>
        </xsl:variable>
        <xsl:variable name="site-dir">
          <xsl:if test="$register-page != ''"><xsl:call-template name="site-dir"/></xsl:if>
        </xsl:variable>
        <a class="{$class}" href="{$site-dir}{$register-page}#{$id}">
          <xsl:call-template name="name-attrs"><xsl:with-param name="entry" select="$entry"/></xsl:call-template>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:when test="starts-with($ref, 'http://') or starts-with($ref, 'https://')">
        <a class="{$class}" href="{$ref}">
          <xsl:call-template name="name-attrs"><xsl:with-param name="entry" select="$entry"/></xsl:call-template>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{$class}">
          <xsl:call-template name="name-attrs"><xsl:with-param name="entry" select="$entry"/></xsl:call-template>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- data-ref keeps the TEI pointer; the tooltip gives the standard name. -->
  <xsl:template name="name-attrs">
    <xsl:param name="entry"/>
    <xsl:call-template name="text-id"/>
    <xsl:if test="@ref">
      <xsl:attribute name="data-ref"><xsl:value-of select="@ref"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="@type">
      <xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute>
    </xsl:if>
    <xsl:apply-templates select="@xml:lang" mode="attr"/>
    <xsl:variable name="reg">
      <xsl:call-template name="entry-name"><xsl:with-param name="entry" select="$entry"/></xsl:call-template>
    </xsl:variable>
    <xsl:if test="$reg != ''">
      <xsl:attribute name="title">
        <xsl:if test="@type = 'pseudonym' or @type = 'alias'">
          <xsl:value-of select="concat(@type, ' of ')"/>
        </xsl:if>
        <xsl:value-of select="$reg"/>
        <xsl:if test="contains(concat(' ', normalize-space($entry/@resp), ' '), ' #resp_enc ')"> (machine-made register entry, to review)</xsl:if>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:roleName">
    <span class="tei-roleName">
      <xsl:if test="@type">
        <xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- ===== dates and numbers ===== -->

  <xsl:template match="tei:date">
    <xsl:variable name="when" select="normalize-space(@when)"/>
    <xsl:variable name="datetime">
      <xsl:call-template name="html-datetime"><xsl:with-param name="iso" select="$when"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="$when != ''">
          <xsl:call-template name="format-date"><xsl:with-param name="iso" select="$when"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="@from or @to">
          <xsl:text>from </xsl:text>
          <xsl:call-template name="format-date"><xsl:with-param name="iso" select="@from"/></xsl:call-template>
          <xsl:text> to </xsl:text>
          <xsl:call-template name="format-date"><xsl:with-param name="iso" select="@to"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="@notBefore or @notAfter">
          <xsl:text>between </xsl:text>
          <xsl:call-template name="format-date"><xsl:with-param name="iso" select="@notBefore"/></xsl:call-template>
          <xsl:text> and </xsl:text>
          <xsl:call-template name="format-date"><xsl:with-param name="iso" select="@notAfter"/></xsl:call-template>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <!-- a date the text writes in another calendar: its title says the Gregorian date is ours -->
    <xsl:variable name="title">
      <xsl:value-of select="$label"/>
      <xsl:if test="@calendar and $label != ''"> (Gregorian date)</xsl:if>
    </xsl:variable>
    <!-- In the header a date written as its own ISO value ("1961-06-05", from a
         sidecar) is shown in words; in the text, the source's wording stays. -->
    <xsl:variable name="iso-only" select="not(ancestor::tei:text) and $when != '' and $label != ''
                                          and normalize-space(.) = $when"/>
    <xsl:choose>
      <xsl:when test="$datetime != ''">
        <time class="tei-date" datetime="{$datetime}" title="{$title}">
          <xsl:choose>
            <xsl:when test="$iso-only"><xsl:value-of select="$label"/></xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates/>
              <xsl:if test="not(node()) and not(ancestor::tei:text)"><xsl:value-of select="$label"/></xsl:if>
            </xsl:otherwise>
          </xsl:choose>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-date">
          <xsl:if test="$label != ''">
            <xsl:attribute name="title"><xsl:value-of select="$title"/></xsl:attribute>
          </xsl:if>
          <xsl:apply-templates/>
          <xsl:if test="not(node()) and not(ancestor::tei:text)"><xsl:value-of select="$label"/></xsl:if>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:num">
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="@value"><xsl:value-of select="concat('value: ', @value)"/></xsl:when>
        <xsl:when test="@atLeast and @atMost"><xsl:value-of select="concat('between ', @atLeast, ' and ', @atMost)"/></xsl:when>
        <xsl:when test="@min and @max"><xsl:value-of select="concat('between ', @min, ' and ', @max)"/></xsl:when>
        <xsl:when test="@atLeast"><xsl:value-of select="concat('at least ', @atLeast)"/></xsl:when>
        <xsl:when test="@atMost"><xsl:value-of select="concat('at most ', @atMost)"/></xsl:when>
        <xsl:when test="@min"><xsl:value-of select="concat('at least ', @min)"/></xsl:when>
        <xsl:when test="@max"><xsl:value-of select="concat('at most ', @max)"/></xsl:when>
      </xsl:choose>
      <xsl:if test="@confidence"><xsl:value-of select="concat(' (confidence ', @confidence, ')')"/></xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@value and string(number(@value)) != 'NaN'">
        <data class="tei-num" value="{normalize-space(@value)}" title="{$title}"><xsl:apply-templates/></data>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-num">
          <xsl:if test="$title != ''">
            <xsl:attribute name="title"><xsl:value-of select="$title"/></xsl:attribute>
          </xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== the register (standOff) ===== -->

  <!-- The standard form of an entry's name: @type='reg', else the first. -->
  <xsl:template name="entry-name">
    <xsl:param name="entry" select="."/>
    <xsl:variable name="names" select="$entry/tei:persName | $entry/tei:placeName | $entry/tei:orgName | $entry/tei:term"/>
    <xsl:choose>
      <xsl:when test="$names[@type = 'reg']"><xsl:value-of select="normalize-space($names[@type = 'reg'][1])"/></xsl:when>
      <xsl:when test="$names"><xsl:value-of select="normalize-space($names[1])"/></xsl:when>
      <xsl:when test="$entry/tei:label"><xsl:value-of select="normalize-space($entry/tei:label[1])"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:standOff" mode="register">
    <xsl:variable name="lists" select="tei:listPerson[tei:person] | tei:listPlace[tei:place] | tei:listOrg[tei:org]"/>
    <xsl:if test="$lists">
      <section class="register" id="ed-register" aria-labelledby="ed-register-h">
        <h2 id="ed-register-h">Register</h2>
        <p class="register-intro">Persons, places and organisations named in the document, with their standard names and authority records. Names in the text link here.</p>
        <xsl:text>&#10;</xsl:text>
        <xsl:apply-templates select="tei:listPerson[tei:person]" mode="register"/>
        <xsl:apply-templates select="tei:listPlace[tei:place]" mode="register"/>
        <xsl:apply-templates select="tei:listOrg[tei:org]" mode="register"/>
      </section>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg" mode="register">
    <section class="register-list register-{local-name()}">
      <h3>
        <xsl:choose>
          <xsl:when test="tei:head"><xsl:value-of select="normalize-space(tei:head)"/></xsl:when>
          <xsl:when test="self::tei:listPerson">Persons</xsl:when>
          <xsl:when test="self::tei:listPlace">Places</xsl:when>
          <xsl:otherwise>Organisations</xsl:otherwise>
        </xsl:choose>
      </h3>
      <ul class="entries">
        <xsl:for-each select="tei:person | tei:place | tei:org">
          <xsl:sort select="normalize-space((tei:persName | tei:placeName | tei:orgName)[@type = 'reg'][1])" data-type="text" lang="en"/>
          <xsl:sort select="normalize-space((tei:persName | tei:placeName | tei:orgName)[1])" data-type="text" lang="en"/>
          <xsl:sort select="@xml:id"/>
          <xsl:text>&#10;</xsl:text>
          <xsl:apply-templates select="." mode="register"/>
        </xsl:for-each>
      </ul>
    </section>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:person | tei:place | tei:org" mode="register">
    <xsl:variable name="reg">
      <xsl:call-template name="entry-name"/>
    </xsl:variable>
    <xsl:variable name="names" select="tei:persName | tei:placeName | tei:orgName"/>
    <li class="entry">
      <xsl:if test="@xml:id">
        <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
      </xsl:if>
      <span class="entry-name"><xsl:value-of select="$reg"/></span>
      <xsl:if test="contains(concat(' ', normalize-space(@resp), ' '), ' #resp_enc ')">
        <xsl:text> </xsl:text>
        <span class="badge" title="This entry was made by the encoding software and has not been checked by an editor.">
          <xsl:text>machine-made, to review</xsl:text>
          <xsl:if test="@cert"><xsl:value-of select="concat(' (certainty: ', @cert, ')')"/></xsl:if>
        </span>
      </xsl:if>
      <!-- other forms of the name, each once, the standard form left out -->
      <xsl:variable name="variants" select="$names[normalize-space(.) != normalize-space($reg)]"/>
      <xsl:if test="$variants">
        <span class="entry-variants">
          <xsl:text> Also: </xsl:text>
          <xsl:for-each select="$variants[not(. = preceding-sibling::tei:persName | preceding-sibling::tei:placeName | preceding-sibling::tei:orgName)]">
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <span class="variant"><xsl:value-of select="normalize-space(.)"/></span>
            <xsl:choose>
              <xsl:when test="@type = 'alias' or @type = 'pseudonym'"> (alias)</xsl:when>
              <xsl:when test="@type = 'abbr'"> (abbreviation)</xsl:when>
              <xsl:when test="@type = 'modern'"> (modern name)</xsl:when>
              <xsl:when test="@type = 'source'"> (as in the source)</xsl:when>
              <xsl:when test="@type = 'historical'"> (historical name)</xsl:when>
              <xsl:when test="position() = last()">
                <xsl:call-template name="full-stop"><xsl:with-param name="text" select="."/></xsl:call-template>
              </xsl:when>
            </xsl:choose>
            <xsl:if test="position() = last() and (@type = 'alias' or @type = 'pseudonym' or @type = 'abbr' or @type = 'modern' or @type = 'source' or @type = 'historical')">.</xsl:if>
          </xsl:for-each>
        </span>
      </xsl:if>
      <xsl:apply-templates select="tei:occupation | tei:state | tei:birth | tei:death | tei:desc | tei:note" mode="register"/>
      <xsl:if test="tei:location/tei:geo[normalize-space()]">
        <xsl:apply-templates select="tei:location/tei:geo[normalize-space()][1]" mode="register"/>
      </xsl:if>
      <xsl:if test="tei:idno[normalize-space()]">
        <span class="authorities">
          <xsl:text> </xsl:text>
          <xsl:for-each select="tei:idno[normalize-space()]">
            <xsl:if test="position() &gt; 1"><xsl:text> · </xsl:text></xsl:if>
            <xsl:apply-templates select="." mode="register"/>
          </xsl:for-each>
        </span>
      </xsl:if>
      <xsl:call-template name="mentions"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:occupation | tei:state | tei:birth | tei:death | tei:desc | tei:note" mode="register">
    <span class="entry-{local-name()}">
      <xsl:text> </xsl:text>
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:call-template name="full-stop"><xsl:with-param name="text" select="."/></xsl:call-template>
    </span>
  </xsl:template>

  <!-- "lat long" as text, with a map link (OpenStreetMap). -->
  <xsl:template match="tei:geo" mode="register">
    <xsl:variable name="g" select="normalize-space(translate(., ',', ' '))"/>
    <xsl:variable name="lat" select="substring-before($g, ' ')"/>
    <xsl:variable name="long" select="substring-after($g, ' ')"/>
    <span class="geo">
      <xsl:text> Coordinates: </xsl:text>
      <xsl:choose>
        <xsl:when test="string(number($lat)) != 'NaN' and string(number($long)) != 'NaN'">
          <a href="https://www.openstreetmap.org/?mlat={$lat}&amp;mlon={$long}#map=9/{$lat}/{$long}">
            <xsl:value-of select="concat($lat, ', ', $long)"/>
          </a>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$g"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>.</xsl:text>
    </span>
  </xsl:template>

  <!-- Authority records: a link where the authority's URL pattern is known. -->
  <xsl:template match="tei:idno" mode="register">
    <xsl:variable name="v" select="normalize-space(.)"/>
    <xsl:variable name="t" select="translate(normalize-space(@type), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:variable name="url">
      <xsl:choose>
        <xsl:when test="starts-with($v, 'http://') or starts-with($v, 'https://')"><xsl:value-of select="$v"/></xsl:when>
        <xsl:when test="$t = 'geonames'"><xsl:value-of select="concat('https://www.geonames.org/', $v)"/></xsl:when>
        <xsl:when test="$t = 'wikidata'"><xsl:value-of select="concat('https://www.wikidata.org/wiki/', $v)"/></xsl:when>
        <xsl:when test="$t = 'viaf'"><xsl:value-of select="concat('https://viaf.org/viaf/', $v)"/></xsl:when>
        <xsl:when test="$t = 'gnd'"><xsl:value-of select="concat('https://d-nb.info/gnd/', $v)"/></xsl:when>
        <xsl:when test="$t = 'lcnaf' or $t = 'loc'"><xsl:value-of select="concat('https://id.loc.gov/authorities/names/', $v)"/></xsl:when>
        <xsl:when test="$t = 'tgn'"><xsl:value-of select="concat('http://vocab.getty.edu/page/tgn/', $v)"/></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="$t = 'geonames'">GeoNames</xsl:when>
        <xsl:when test="$t = 'wikidata'">Wikidata</xsl:when>
        <xsl:when test="$t = 'viaf'">VIAF</xsl:when>
        <xsl:when test="$t = 'gnd'">GND</xsl:when>
        <xsl:when test="$t = 'lcnaf' or $t = 'loc'">Library of Congress</xsl:when>
        <xsl:when test="$t = 'tgn'">Getty TGN</xsl:when>
        <xsl:when test="$t != ''"><xsl:value-of select="@type"/></xsl:when>
        <xsl:otherwise>Identifier</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$url != ''">
        <a class="authority" href="{$url}"><xsl:value-of select="concat($label, ' ', $v)"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="authority"><xsl:value-of select="concat($label, ' ', $v)"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Back links: the blocks of the text that mention this entry. -->
  <xsl:template name="mentions">
    <xsl:variable name="token" select="concat(' #', @xml:id, ' ')"/>
    <xsl:variable name="mentions" select="key('mention', @xml:id)
        | key('multi-ref', 'all')[contains(concat(' ', normalize-space(@ref), ' '), $token)]"/>
    <!-- the nearest enclosing block of each mention, once each, in text order -->
    <xsl:variable name="blocks" select="$mentions/ancestor::*[self::tei:p or parent::tei:opener or parent::tei:closer or self::tei:head][1]"/>
    <xsl:if test="@xml:id and $blocks">
      <span class="mentions">
        <xsl:text> In the text: </xsl:text>
        <xsl:for-each select="$blocks">
          <xsl:variable name="bid"><xsl:call-template name="block-id"/></xsl:variable>
          <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:choose>
            <xsl:when test="$bid != ''">
              <a href="#{$bid}"><xsl:value-of select="concat('¶&#160;', $bid)"/></a>
            </xsl:when>
            <xsl:when test="self::tei:head">
              <a href="#ed-text">heading</a>
            </xsl:when>
            <xsl:otherwise>
              <a href="#ed-text">text</a>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
