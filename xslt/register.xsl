<?xml version="1.0" encoding="UTF-8"?>
<!--
  register.xsl: one register page of the web edition (persons.html,
  places.html or orgs.html), made in parts by encoder.site (so that a page of
  any size is made in bounded memory). Two inputs, without namespace:

  1. The page, from its counts and letters:

    <register-page kind="person" page="persons.html"
                   named="12" unnamed="3" missing="1" initials="ACS#"/>

     gives the whole page (head, navigation, introduction, letter links,
     footer), with an empty section for each group of entries: one per
     initial letter (A-Z, # for other initials) of the named entries, then
     "not in the register" and "not named" when there are any. Each holds a
     comment, <!-\-tei-encoder entries A-\->, where its entries go. The
     initials are filed in Python (encoder.site.initial), so the letters of
     the page and the entries under them cannot disagree.

  2. A batch of entries of one group, in the order to print them:

    <register-entries kind="person">
      <TEI xmlns="http://www.tei-c.org/ns/1.0"> ... the entries of the batch
        (standOff/listPerson/person[@xml:id]) ... </TEI>
      <entry ref="pers_stalin">                  one per entry, in order
        <doc href="doc.html" title="..." date="1945-11-21" type="Telegram">
          <at anchor="p3" label="¶ p3"/>         each passage once, in text order
          <form>STALIN</form>                    the names as written, each once
        </doc> ...                               documents in the index's order
      </entry>
      <entry ref="pers_x" missing="yes" name="X"> ... an id no register holds
    </register-entries>

     gives their sections alone (an HTML fragment: render_register leaves
     out the doctype).

  Each entry is a section whose id is its xml:id (stable: the id derives from
  the name), with its names, authority links, coordinates and the documents
  and passages that name it (links to doc.html#anchor). Entries are grouped by
  initial letter; entries no document names come last, in their own list, so
  that links to them keep working; names pointing to an id the register lacks
  get a section of their own under that id, so that every link has a target.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:import href="params.xsl"/>
  <xsl:include href="html-common.xsl"/>
  <xsl:include href="html-css.xsl"/>
  <xsl:include href="html-text.xsl"/>
  <xsl:include href="html-names.xsl"/>
  <xsl:include href="html-editorial.xsl"/>
  <xsl:include href="html-site.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <xsl:key name="entry" match="/register-entries/tei:TEI//tei:person | /register-entries/tei:TEI//tei:place
                               | /register-entries/tei:TEI//tei:org" use="@xml:id"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <xsl:variable name="kind" select="string(/*/@kind)"/>
  <xsl:variable name="named" select="number(/register-page/@named)"/>
  <xsl:variable name="unnamed" select="number(/register-page/@unnamed)"/>
  <xsl:variable name="missing" select="number(/register-page/@missing)"/>

  <xsl:variable name="heading">
    <xsl:choose>
      <xsl:when test="$kind = 'person'">Persons</xsl:when>
      <xsl:when test="$kind = 'place'">Places</xsl:when>
      <xsl:otherwise>Organisations</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="noun">
    <xsl:choose>
      <xsl:when test="$kind = 'person'">person</xsl:when>
      <xsl:when test="$kind = 'place'">place</xsl:when>
      <xsl:otherwise>organisation</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="site-title">
    <xsl:choose>
      <xsl:when test="normalize-space($edition-title) != ''"><xsl:value-of select="normalize-space($edition-title)"/></xsl:when>
      <xsl:otherwise>Edition</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="home">
    <xsl:choose>
      <xsl:when test="$index-href != ''"><xsl:value-of select="$index-href"/></xsl:when>
      <xsl:otherwise>index.html</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="register-page[@kind = 'person' or @kind = 'place' or @kind = 'org']
                      [string(number(@named)) != 'NaN' and string(number(@unnamed)) != 'NaN'
                       and string(number(@missing)) != 'NaN']">
        <xsl:apply-templates select="register-page" mode="page"/>
      </xsl:when>
      <xsl:when test="register-entries[@kind = 'person' or @kind = 'place' or @kind = 'org']">
        <xsl:apply-templates select="register-entries/entry" mode="entries"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">register: the input is neither a &lt;register-page&gt; nor a &lt;register-entries&gt; batch of persons, places or orgs</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The place of a group's entries on the page (encoder.site puts them in there). -->
  <xsl:template name="entries-go-here">
    <xsl:param name="group"/>
    <xsl:comment><xsl:value-of select="concat('tei-encoder entries ', $group)"/></xsl:comment>
  </xsl:template>

  <xsl:template match="register-page" mode="page">
    <xsl:variable name="initials" select="string(@initials)"/>
    <html lang="en">
      <xsl:text>&#10;</xsl:text>
      <head>
        <xsl:text>&#10;</xsl:text>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <xsl:text>&#10;</xsl:text>
        <title><xsl:value-of select="concat($heading, ' — ', $site-title)"/></title>
        <xsl:text>&#10;</xsl:text>
        <meta name="generator" content="tei-encoder register.xsl"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="css"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="site-css"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:if test="$css-href != ''">
          <link rel="stylesheet" href="{$css-href}"/>
          <xsl:text>&#10;</xsl:text>
        </xsl:if>
      </head>
      <xsl:text>&#10;</xsl:text>
      <body class="register-{$kind}">
        <xsl:text>&#10;</xsl:text>
        <a class="skip" href="#ed-entries">Skip to the entries</a>
        <xsl:text>&#10;</xsl:text>
        <header class="site-header">
          <a href="{$home}"><xsl:value-of select="$site-title"/></a>
          <xsl:call-template name="site-nav">
            <xsl:with-param name="current" select="$kind"/>
            <xsl:with-param name="index" select="$home"/>
          </xsl:call-template>
        </header>
        <xsl:text>&#10;</xsl:text>
        <main>
          <xsl:text>&#10;</xsl:text>
          <h1><xsl:value-of select="$heading"/></h1>
          <xsl:text>&#10;</xsl:text>
          <p class="register-intro">
            <xsl:call-template name="counted">
              <xsl:with-param name="n" select="$named"/>
              <xsl:with-param name="noun" select="$noun"/>
            </xsl:call-template>
            <xsl:text> named in the documents of the edition, each with the documents and passages that name it. Names on the reading pages link here.</xsl:text>
            <xsl:if test="$unnamed &gt; 0">
              <xsl:text> </xsl:text>
              <xsl:call-template name="counted">
                <xsl:with-param name="n" select="$unnamed"/>
                <xsl:with-param name="noun" select="'other entry'"/>
                <xsl:with-param name="nouns" select="'other entries'"/>
              </xsl:call-template>
              <xsl:text> of the register </xsl:text>
              <xsl:choose>
                <xsl:when test="$unnamed = 1">is</xsl:when>
                <xsl:otherwise>are</xsl:otherwise>
              </xsl:choose>
              <xsl:text> listed at the end.</xsl:text>
            </xsl:if>
          </p>
          <xsl:text>&#10;</xsl:text>
          <xsl:if test="$named &gt; 0 or $missing &gt; 0 or $unnamed &gt; 0">
            <nav class="letters" aria-label="Initial letters">
              <xsl:call-template name="letter-links"><xsl:with-param name="initials" select="$initials"/></xsl:call-template>
              <xsl:if test="$missing &gt; 0">
                <xsl:text> </xsl:text>
                <a href="#ed-missing">Not in the register</a>
              </xsl:if>
              <xsl:if test="$unnamed &gt; 0">
                <xsl:text> </xsl:text>
                <a href="#ed-unnamed">Not named</a>
              </xsl:if>
            </nav>
            <xsl:text>&#10;</xsl:text>
          </xsl:if>
          <div id="ed-entries">
            <xsl:text>&#10;</xsl:text>
            <xsl:if test="not($named &gt; 0 or $missing &gt; 0 or $unnamed &gt; 0)">
              <p>
                <xsl:value-of select="concat('The register holds no ', $noun, ' yet.')"/>
              </p>
            </xsl:if>
            <xsl:call-template name="letter-groups"><xsl:with-param name="initials" select="$initials"/></xsl:call-template>
            <xsl:if test="$missing &gt; 0">
              <section class="letter-group" aria-labelledby="ed-missing">
                <h2 id="ed-missing">Named in the documents, not in the register</h2>
                <p class="register-intro">These names point to an entry the register does not hold (yet).</p>
                <xsl:call-template name="entries-go-here"><xsl:with-param name="group" select="'missing'"/></xsl:call-template>
              </section>
              <xsl:text>&#10;</xsl:text>
            </xsl:if>
            <xsl:if test="$unnamed &gt; 0">
              <section class="letter-group" aria-labelledby="ed-unnamed">
                <h2 id="ed-unnamed">In the register, not named in any document</h2>
                <xsl:call-template name="entries-go-here"><xsl:with-param name="group" select="'unnamed'"/></xsl:call-template>
              </section>
              <xsl:text>&#10;</xsl:text>
            </xsl:if>
          </div>
          <xsl:text>&#10;</xsl:text>
        </main>
        <xsl:text>&#10;</xsl:text>
        <footer class="site-footer">
          <p>
            <xsl:text>Made from the edition's TEI register of </xsl:text>
            <xsl:value-of select="translate($heading, $upper, $lower)"/>
            <xsl:text> and its documents. Entries marked “machine-made” were made by the encoding software and await an editor's review.</xsl:text>
          </p>
        </footer>
        <xsl:text>&#10;</xsl:text>
      </body>
      <xsl:text>&#10;</xsl:text>
    </html>
  </xsl:template>

  <!-- "1 person", "3 persons" -->
  <xsl:template name="counted">
    <xsl:param name="n"/>
    <xsl:param name="noun"/>
    <xsl:param name="nouns" select="concat($noun, 's')"/>
    <xsl:value-of select="$n"/>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="$n = 1"><xsl:value-of select="$noun"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$nouns"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="letter-links">
    <xsl:param name="initials"/>
    <xsl:param name="letters" select="concat($upper, '#')"/>
    <xsl:if test="$letters != ''">
      <xsl:variable name="l" select="substring($letters, 1, 1)"/>
      <xsl:if test="contains($initials, $l)">
        <a href="#ed-letter-{translate($l, '#', '0')}">
          <xsl:if test="$l = '#'"><xsl:attribute name="aria-label">Other initials</xsl:attribute></xsl:if>
          <xsl:value-of select="$l"/>
        </a>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:call-template name="letter-links">
        <xsl:with-param name="initials" select="$initials"/>
        <xsl:with-param name="letters" select="substring($letters, 2)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="letter-groups">
    <xsl:param name="initials"/>
    <xsl:param name="letters" select="concat($upper, '#')"/>
    <xsl:if test="$letters != ''">
      <xsl:variable name="l" select="substring($letters, 1, 1)"/>
      <xsl:if test="contains($initials, $l)">
        <section class="letter-group" aria-labelledby="ed-letter-{translate($l, '#', '0')}">
          <h2 id="ed-letter-{translate($l, '#', '0')}">
            <xsl:choose>
              <xsl:when test="$l = '#'">Other initials</xsl:when>
              <xsl:otherwise><xsl:value-of select="$l"/></xsl:otherwise>
            </xsl:choose>
          </h2>
          <xsl:call-template name="entries-go-here"><xsl:with-param name="group" select="$l"/></xsl:call-template>
        </section>
        <xsl:text>&#10;</xsl:text>
      </xsl:if>
      <xsl:call-template name="letter-groups">
        <xsl:with-param name="initials" select="$initials"/>
        <xsl:with-param name="letters" select="substring($letters, 2)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== a batch of entries ===== -->

  <xsl:template match="entry" mode="entries">
    <xsl:choose>
      <xsl:when test="@missing = 'yes'"><xsl:apply-templates select="." mode="missing"/></xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="key('entry', @ref)[local-name() = $kind]" mode="page">
          <xsl:with-param name="mentions" select="."/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== one entry ===== -->

  <xsl:template match="tei:person | tei:place | tei:org" mode="page">
    <xsl:param name="mentions" select="/.."/>
    <xsl:variable name="reg"><xsl:call-template name="entry-name"/></xsl:variable>
    <xsl:variable name="names" select="tei:persName | tei:placeName | tei:orgName"/>
    <xsl:variable name="variants" select="$names[normalize-space(.) != normalize-space($reg)]"/>
    <xsl:variable name="machine" select="contains(concat(' ', normalize-space(@resp), ' '), ' #resp_enc ')"/>
    <section class="reg-entry" id="{@xml:id}">
      <xsl:text>&#10;</xsl:text>
      <h3><xsl:value-of select="$reg"/></h3>
      <xsl:if test="$variants or $machine or tei:occupation | tei:state | tei:birth | tei:death | tei:desc | tei:note
                    or tei:location/tei:geo[normalize-space()] or tei:idno[normalize-space()]">
        <p class="entry-facts">
          <xsl:if test="$machine">
            <span class="badge" title="This entry was made by the encoding software and has not been checked by an editor.">
              <xsl:text>machine-made, to review</xsl:text>
              <xsl:if test="@cert"><xsl:value-of select="concat(' (certainty: ', @cert, ')')"/></xsl:if>
            </span>
          </xsl:if>
          <xsl:if test="$variants">
            <span class="entry-variants">
              <xsl:text> Also: </xsl:text>
              <xsl:for-each select="$variants[not(normalize-space(.) = preceding-sibling::tei:persName | preceding-sibling::tei:placeName | preceding-sibling::tei:orgName)]">
                <xsl:if test="position() &gt; 1">; </xsl:if>
                <span class="variant"><xsl:value-of select="normalize-space(.)"/></span>
                <xsl:choose>
                  <xsl:when test="@type = 'alias' or @type = 'pseudonym'"> (alias)</xsl:when>
                  <xsl:when test="@type = 'abbr'"> (abbreviation)</xsl:when>
                  <xsl:when test="@type = 'modern'"> (modern name)</xsl:when>
                  <xsl:when test="@type = 'historical'"> (historical name)</xsl:when>
                </xsl:choose>
              </xsl:for-each>
              <xsl:text>.</xsl:text>
            </span>
          </xsl:if>
          <xsl:apply-templates select="tei:occupation | tei:state | tei:birth | tei:death | tei:desc | tei:note" mode="register"/>
          <xsl:apply-templates select="tei:location/tei:geo[normalize-space()][1]" mode="register"/>
          <xsl:if test="tei:idno[normalize-space()]">
            <span class="authorities">
              <xsl:text> </xsl:text>
              <xsl:for-each select="tei:idno[normalize-space()]">
                <xsl:if test="position() &gt; 1"><xsl:text> · </xsl:text></xsl:if>
                <xsl:apply-templates select="." mode="register"/>
              </xsl:for-each>
            </span>
          </xsl:if>
        </p>
      </xsl:if>
      <xsl:call-template name="back-references">
        <xsl:with-param name="mentions" select="$mentions"/>
        <xsl:with-param name="reg" select="$reg"/>
      </xsl:call-template>
    </section>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- A name whose entry the register lacks: its id, the form most used, where it stands. -->
  <xsl:template match="entry" mode="missing">
    <section class="reg-entry" id="{@ref}">
      <xsl:text>&#10;</xsl:text>
      <h3><xsl:value-of select="@name"/></h3>
      <p class="entry-facts">
        <span class="badge">not in the register</span>
        <xsl:value-of select="concat(' Identifier: ', @ref, '.')"/>
      </p>
      <xsl:call-template name="back-references">
        <xsl:with-param name="mentions" select="."/>
        <xsl:with-param name="reg" select="@name"/>
      </xsl:call-template>
    </section>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- The documents naming an entry, each with the passages and the forms of the name it uses. -->
  <xsl:template name="back-references">
    <xsl:param name="mentions"/>
    <xsl:param name="reg"/>
    <xsl:variable name="docs" select="$mentions/doc"/>
    <!-- An entry named in very many documents comes a batch of them at a time (encoder.site splices the
         lists), the first with their number in @docs: the same page as in one run. -->
    <xsl:variable name="count">
      <xsl:choose>
        <xsl:when test="$mentions/@docs"><xsl:value-of select="$mentions/@docs"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="count($docs)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <p class="entry-count">
      <xsl:choose>
        <xsl:when test="not($docs)">Not named in the documents of this edition.</xsl:when>
        <xsl:otherwise>
          <xsl:text>Named in </xsl:text>
          <xsl:call-template name="counted">
            <xsl:with-param name="n" select="number($count)"/>
            <xsl:with-param name="noun" select="'document'"/>
          </xsl:call-template>
          <xsl:text>:</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:if test="$docs">
      <ul class="backrefs">
        <xsl:for-each select="$docs">
          <li>
            <a class="doc-title" href="{@href}"><xsl:value-of select="@title"/></a>
            <xsl:if test="normalize-space(@date) != '' or normalize-space(@type) != ''">
              <span class="meta-line">
                <xsl:text> (</xsl:text>
                <xsl:value-of select="normalize-space(@type)"/>
                <xsl:if test="normalize-space(@date) != '' and normalize-space(@type) != ''">, </xsl:if>
                <xsl:if test="normalize-space(@date) != ''">
                  <xsl:variable name="datetime">
                    <xsl:call-template name="html-datetime"><xsl:with-param name="iso" select="@date"/></xsl:call-template>
                  </xsl:variable>
                  <xsl:variable name="label">
                    <xsl:call-template name="format-date"><xsl:with-param name="iso" select="@date"/></xsl:call-template>
                  </xsl:variable>
                  <xsl:choose>
                    <xsl:when test="$datetime != ''"><time datetime="{$datetime}"><xsl:value-of select="$label"/></time></xsl:when>
                    <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:if>
                <xsl:text>)</xsl:text>
              </span>
            </xsl:if>
            <xsl:if test="at">
              <br/>
              <span class="passages">
                <xsl:text>In </xsl:text>
                <xsl:for-each select="at">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <a href="{../@href}#{@anchor}"><xsl:value-of select="@label"/></a>
                </xsl:for-each>
              </span>
            </xsl:if>
            <xsl:variable name="forms" select="form[normalize-space(.) != normalize-space($reg)]"/>
            <xsl:if test="$forms">
              <span class="forms">
                <xsl:text>; as </xsl:text>
                <xsl:for-each select="$forms">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:value-of select="concat('“', normalize-space(.), '”')"/>
                </xsl:for-each>
              </span>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
