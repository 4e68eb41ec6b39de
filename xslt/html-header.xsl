<?xml version="1.0" encoding="UTF-8"?>
<!--
  The header panel (what the document is, where it comes from, who made
  this edition, rights) and the "Cite this edition" block (a Chicago-style
  reference, then the same as BibTeX and as CSL-JSON), both from
  teiHeader. Every part of the header is optional: a row appears only when
  its TEI source is there. Included by tei-to-html.xsl.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:teiHeader" mode="panel">
    <xsl:variable name="fd" select="tei:fileDesc"/>
    <xsl:variable name="bibl" select="$fd/tei:sourceDesc/tei:bibl"/>
    <xsl:variable name="pd" select="tei:profileDesc"/>
    <header class="doc-header" id="ed-about">
      <xsl:text>&#10;</xsl:text>
      <xsl:if test="$doc-kind != ''">
        <p class="doc-kind"><xsl:value-of select="$doc-kind"/></p>
      </xsl:if>
      <h1 id="ed-title"><xsl:value-of select="$doc-title"/></h1>
      <xsl:text>&#10;</xsl:text>
      <xsl:if test="$doc-date">
        <p class="doc-date"><xsl:apply-templates select="$doc-date"/></p>
      </xsl:if>
      <xsl:if test="$fd/tei:editionStmt/tei:edition[normalize-space()] or tei:revisionDesc/@status">
        <p class="status">
          <xsl:value-of select="normalize-space($fd/tei:editionStmt/tei:edition[1])"/>
          <xsl:if test="tei:revisionDesc/@status">
            <xsl:if test="$fd/tei:editionStmt/tei:edition[normalize-space()]"><xsl:text> </xsl:text></xsl:if>
            <xsl:value-of select="concat('Status: ', tei:revisionDesc/@status, '.')"/>
          </xsl:if>
        </p>
      </xsl:if>
      <xsl:text>&#10;</xsl:text>
      <dl class="meta">
        <xsl:apply-templates select="$pd/tei:abstract" mode="panel"/>
        <xsl:apply-templates select="$pd/tei:correspDesc/tei:correspAction" mode="panel"/>
        <xsl:apply-templates select="$bibl" mode="panel"/>
        <xsl:if test="$fd/tei:sourceDesc/tei:p[normalize-space()]">
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'Source'"/>
            <xsl:with-param name="value">
              <xsl:for-each select="$fd/tei:sourceDesc/tei:p[normalize-space()]">
                <p><xsl:apply-templates/></p>
              </xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:apply-templates select="$fd/tei:sourceDesc/tei:msDesc" mode="panel"/>
        <xsl:apply-templates select="$bibl/tei:note[@type = 'citation']" mode="panel"/>
        <xsl:apply-templates select="$fd/tei:titleStmt/tei:respStmt | $fd/tei:titleStmt/tei:editor | $fd/tei:titleStmt/tei:author" mode="panel"/>
        <xsl:call-template name="funding-row"/>
        <xsl:call-template name="rights-row"/>
        <xsl:if test="$bibl/tei:note[@type = 'metadata-gap' or not(@type)][normalize-space()]">
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'Notes on the source'"/>
            <xsl:with-param name="value">
              <xsl:for-each select="$bibl/tei:note[@type = 'metadata-gap' or not(@type)][normalize-space()]">
                <p><xsl:apply-templates/></p>
              </xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$tei-href != ''">
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'TEI file'"/>
            <xsl:with-param name="value">
              <a href="{$tei-href}" type="application/tei+xml">Download the TEI XML of this edition</a>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="concat($pdf-href, $dc-href, $csl-href, $datacite-href) != ''">
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'Other formats'"/>
            <xsl:with-param name="value">
              <ul class="formats">
                <xsl:if test="$pdf-href != ''">
                  <li><a href="{$pdf-href}" type="application/pdf">PDF for print</a></li>
                </xsl:if>
                <xsl:if test="$dc-href != ''">
                  <li><a href="{$dc-href}" type="application/xml">Dublin Core (OAI-PMH oai_dc)</a></li>
                </xsl:if>
                <xsl:if test="$csl-href != ''">
                  <li><a href="{$csl-href}" type="application/vnd.citationstyles.csl+json">CSL-JSON (Zotero and other reference managers)</a></li>
                </xsl:if>
                <xsl:if test="$datacite-href != ''">
                  <li><a href="{$datacite-href}" type="application/xml">DataCite XML (repository deposit)</a></li>
                </xsl:if>
              </ul>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </dl>
      <xsl:text>&#10;</xsl:text>
    </header>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- One dt/dd pair (a div in a dl is allowed and eases the layout). -->
  <xsl:template name="row">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="class" select="''"/>
    <div>
      <xsl:attribute name="class">
        <xsl:text>row</xsl:text>
        <xsl:if test="$class != ''"><xsl:value-of select="concat(' ', $class)"/></xsl:if>
      </xsl:attribute>
      <dt><xsl:value-of select="$label"/></dt>
      <dd><xsl:copy-of select="$value"/></dd>
    </div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:abstract" mode="panel">
    <xsl:call-template name="row">
      <xsl:with-param name="label">
        <xsl:text>Summary</xsl:text>
        <xsl:if test="@source"> (from the source)</xsl:if>
      </xsl:with-param>
      <xsl:with-param name="class" select="'summary'"/>
      <xsl:with-param name="value">
        <xsl:choose>
          <xsl:when test="tei:p">
            <xsl:for-each select="tei:p"><p><xsl:apply-templates/></p></xsl:for-each>
          </xsl:when>
          <xsl:otherwise><p><xsl:apply-templates/></p></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:correspAction" mode="panel">
    <xsl:variable name="agents" select="tei:persName | tei:orgName | tei:name"/>
    <xsl:call-template name="row">
      <xsl:with-param name="label">
        <xsl:choose>
          <xsl:when test="@type = 'sent'">From</xsl:when>
          <xsl:when test="@type = 'received'">To</xsl:when>
          <xsl:when test="@type"><xsl:value-of select="concat(translate(substring(@type, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring(@type, 2))"/></xsl:when>
          <xsl:otherwise>Correspondence</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="value">
        <xsl:call-template name="join"><xsl:with-param name="nodes" select="$agents"/></xsl:call-template>
        <xsl:for-each select="tei:placeName | tei:settlement">
          <xsl:if test="$agents or position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:if test="$agents and position() = 1"><xsl:text>in </xsl:text></xsl:if>
          <xsl:apply-templates select="."/>
        </xsl:for-each>
        <xsl:for-each select="tei:date">
          <xsl:if test="$agents or ../tei:placeName or position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:apply-templates select="."/>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:sourceDesc/tei:bibl" mode="panel">
    <xsl:call-template name="row">
      <xsl:with-param name="label" select="'Source'"/>
      <xsl:with-param name="value">
        <xsl:call-template name="bibl-text"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- "Publisher, “Title”, date, link." from a source bibl. -->
  <xsl:template name="bibl-text">
    <xsl:variable name="url" select="normalize-space((tei:ptr/@target | tei:ref/@target | tei:idno[@type = 'URL' or @type = 'url' or @type = 'URI' or @type = 'uri'])[1])"/>
    <xsl:variable name="parts" select="tei:author | tei:editor | tei:publisher | tei:title | tei:pubPlace | tei:biblScope"/>
    <xsl:for-each select="$parts">
      <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:choose>
        <xsl:when test="self::tei:title">
          <cite class="tei-title">
            <xsl:choose>
              <xsl:when test="$url != '' and (starts-with($url, 'http://') or starts-with($url, 'https://'))">
                <a href="{$url}"><xsl:value-of select="normalize-space(.)"/></a>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
            </xsl:choose>
          </cite>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:for-each select="tei:date[1]">
      <xsl:if test="$parts"><xsl:text>, </xsl:text></xsl:if>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
    <xsl:if test="$parts or tei:date">
      <xsl:call-template name="full-stop">
        <xsl:with-param name="text">
          <xsl:choose>
            <xsl:when test="tei:date"><xsl:value-of select="tei:date[1]"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$parts[last()]"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="(starts-with($url, 'http://') or starts-with($url, 'https://')) and not(tei:title)">
      <xsl:text> </xsl:text>
      <a href="{$url}"><xsl:value-of select="$url"/></a>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:msDesc" mode="panel">
    <xsl:call-template name="row">
      <xsl:with-param name="label" select="'Original'"/>
      <xsl:with-param name="value">
        <xsl:call-template name="archival-reference"/>
        <xsl:for-each select="tei:msContents/tei:textLang[normalize-space()][1]">
          <xsl:text> Language: </xsl:text>
          <xsl:value-of select="normalize-space(.)"/>
          <xsl:text>.</xsl:text>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- "RGASPI (Moscow), fond 558, opis 11, delo 99, ll. 0007-0008."
       With plain = 'yes', text only (for the citation). -->
  <xsl:template name="archival-reference">
    <xsl:param name="plain" select="'no'"/>
    <xsl:variable name="id" select="tei:msIdentifier"/>
    <xsl:variable name="holder" select="($id/tei:repository | $id/tei:institution)[1]"/>
    <xsl:variable name="place" select="($id/tei:settlement | $id/tei:region | $id/tei:country)[1]"/>
    <xsl:variable name="bits" select="$id/tei:collection | $id/tei:idno | $id/tei:msName"/>
    <xsl:choose>
      <xsl:when test="$holder and $plain = 'yes'"><xsl:value-of select="normalize-space($holder)"/></xsl:when>
      <xsl:when test="$holder"><xsl:apply-templates select="$holder"/></xsl:when>
    </xsl:choose>
    <xsl:if test="$place">
      <xsl:if test="$holder"><xsl:text> (</xsl:text></xsl:if>
      <xsl:value-of select="normalize-space($place)"/>
      <xsl:if test="$holder"><xsl:text>)</xsl:text></xsl:if>
    </xsl:if>
    <xsl:for-each select="$bits[normalize-space()]">
      <xsl:if test="position() &gt; 1 or $holder or $place"><xsl:text>, </xsl:text></xsl:if>
      <xsl:if test="@type and not(@type = 'callNo' or @type = 'callNumber' or @type = 'shelfmark' or @type = 'local')">
        <xsl:value-of select="concat(@type, ' ')"/>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
    <xsl:for-each select="tei:msContents/tei:msItem/tei:locus[normalize-space()][1]">
      <xsl:if test="$holder or $place or $bits"><xsl:text>, </xsl:text></xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
    <xsl:if test="$holder or $place or $bits[normalize-space()] or tei:msContents/tei:msItem/tei:locus[normalize-space()]">.</xsl:if>
    <xsl:for-each select="$id/tei:altIdentifier/tei:idno[normalize-space()]">
      <xsl:text> Also </xsl:text>
      <xsl:if test="@type"><xsl:value-of select="concat(@type, ' ')"/></xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:text>.</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:note[@type = 'citation']" mode="panel">
    <xsl:call-template name="row">
      <xsl:with-param name="label" select="'Archival citation (as given by the source)'"/>
      <xsl:with-param name="value"><xsl:apply-templates/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:respStmt" mode="panel">
    <xsl:variable name="who" select="tei:persName | tei:orgName | tei:name"/>
    <xsl:if test="$who">
      <xsl:call-template name="row">
        <xsl:with-param name="label">
          <xsl:variable name="r" select="normalize-space(tei:resp[1])"/>
          <xsl:value-of select="concat(translate(substring($r, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($r, 2))"/>
        </xsl:with-param>
        <xsl:with-param name="value">
          <xsl:call-template name="join"><xsl:with-param name="nodes" select="$who"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:titleStmt/tei:editor | tei:titleStmt/tei:author" mode="panel">
    <xsl:call-template name="row">
      <xsl:with-param name="label">
        <xsl:choose>
          <xsl:when test="self::tei:author">Author</xsl:when>
          <xsl:otherwise>Editor</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="value"><xsl:apply-templates/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="funding-row">
    <xsl:variable name="fd" select="tei:fileDesc"/>
    <xsl:variable name="funders" select="$fd/tei:titleStmt/tei:funder | $fd/tei:sourceDesc/tei:bibl/tei:funder"/>
    <xsl:variable name="notes" select="$fd/tei:sourceDesc/tei:bibl/tei:note[@type = 'funding']"/>
    <xsl:if test="$funders or $notes">
      <xsl:call-template name="row">
        <xsl:with-param name="label" select="'Funding'"/>
        <xsl:with-param name="value">
          <xsl:for-each select="$fd/tei:titleStmt/tei:funder">
            <p><xsl:text>This edition: </xsl:text><xsl:apply-templates/></p>
          </xsl:for-each>
          <xsl:choose>
            <xsl:when test="$notes">
              <xsl:for-each select="$notes"><p><xsl:apply-templates/></p></xsl:for-each>
            </xsl:when>
            <xsl:when test="$fd/tei:sourceDesc/tei:bibl/tei:funder">
              <p>
                <xsl:text>The source document: </xsl:text>
                <xsl:call-template name="join"><xsl:with-param name="nodes" select="$fd/tei:sourceDesc/tei:bibl/tei:funder"/></xsl:call-template>
              </p>
            </xsl:when>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="rights-row">
    <xsl:variable name="fd" select="tei:fileDesc"/>
    <xsl:variable name="av" select="$fd/tei:publicationStmt/tei:availability"/>
    <xsl:variable name="src" select="$fd/tei:sourceDesc/tei:bibl/tei:note[@type = 'rights']"/>
    <xsl:if test="$av or $src">
      <xsl:call-template name="row">
        <xsl:with-param name="label" select="'Rights'"/>
        <xsl:with-param name="class" select="'rights'"/>
        <xsl:with-param name="value">
          <xsl:for-each select="$av/tei:licence">
            <p class="licence">
              <xsl:choose>
                <xsl:when test="(starts-with(normalize-space(@target), 'http://') or starts-with(normalize-space(@target), 'https://')) and normalize-space()">
                  <a rel="license" href="{normalize-space(@target)}"><xsl:apply-templates/></a>
                </xsl:when>
                <xsl:when test="starts-with(normalize-space(@target), 'http://') or starts-with(normalize-space(@target), 'https://')">
                  <a rel="license" href="{normalize-space(@target)}"><xsl:value-of select="normalize-space(@target)"/></a>
                </xsl:when>
                <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
              </xsl:choose>
            </p>
          </xsl:for-each>
          <xsl:for-each select="$av/tei:p">
            <p><xsl:apply-templates/></p>
          </xsl:for-each>
          <xsl:for-each select="$src">
            <div class="source-rights">
              <p class="source-rights-label">Rights statement of the source, verbatim:</p>
              <xsl:choose>
                <xsl:when test="tei:p">
                  <xsl:for-each select="tei:p"><p><xsl:apply-templates/></p></xsl:for-each>
                </xsl:when>
                <xsl:otherwise><p><xsl:apply-templates/></p></xsl:otherwise>
              </xsl:choose>
            </div>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== Cite this edition ===== -->

  <xsl:template match="tei:teiHeader" mode="cite">
    <xsl:variable name="fd" select="tei:fileDesc"/>
    <xsl:variable name="bibl" select="$fd/tei:sourceDesc/tei:bibl[1]"/>
    <xsl:variable name="trl" select="$fd/tei:titleStmt/tei:respStmt[substring(normalize-space(tei:resp/@ref), string-length(normalize-space(tei:resp/@ref)) - 3) = '/trl']"/>
    <xsl:variable name="version" select="normalize-space($fd/tei:editionStmt/tei:edition/@n)"/>
    <section class="cite" id="ed-cite" aria-labelledby="ed-cite-h">
      <h2 id="ed-cite-h">Cite this edition</h2>
      <p class="citation">
        <xsl:value-of select="concat('“', $doc-title, '”')"/>
        <xsl:if test="$doc-date">
          <xsl:text>, </xsl:text>
          <xsl:call-template name="date-text"><xsl:with-param name="date" select="$doc-date"/></xsl:call-template>
        </xsl:if>
        <xsl:call-template name="full-stop">
          <xsl:with-param name="text">
            <xsl:if test="$doc-date"><xsl:call-template name="date-text"><xsl:with-param name="date" select="$doc-date"/></xsl:call-template></xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:if test="$trl">
          <xsl:text> Translated by </xsl:text>
          <xsl:for-each select="$trl/tei:persName | $trl/tei:name">
            <xsl:if test="position() &gt; 1"><xsl:text> and </xsl:text></xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </xsl:if>
        <xsl:if test="$edition-name != ''">
          <xsl:text> In: </xsl:text>
          <cite><xsl:value-of select="$edition-name"/></cite>
          <xsl:if test="$version != ''"><xsl:value-of select="concat(', version ', $version)"/></xsl:if>
          <xsl:text>.</xsl:text>
        </xsl:if>
        <xsl:if test="$this-url != ''">
          <xsl:text> </xsl:text>
          <a href="{$this-url}"><xsl:value-of select="$this-url"/></a>
          <xsl:text>.</xsl:text>
        </xsl:if>
        <xsl:if test="$bibl/tei:publisher or $fd/tei:sourceDesc/tei:msDesc">
          <xsl:text> Source: </xsl:text>
          <xsl:value-of select="normalize-space($bibl/tei:publisher)"/>
          <xsl:if test="$bibl/tei:publisher and $fd/tei:sourceDesc/tei:msDesc"><xsl:text>; original: </xsl:text></xsl:if>
          <xsl:for-each select="$fd/tei:sourceDesc/tei:msDesc[1]">
            <xsl:call-template name="archival-reference"><xsl:with-param name="plain" select="'yes'"/></xsl:call-template>
          </xsl:for-each>
          <xsl:if test="not($fd/tei:sourceDesc/tei:msDesc)">.</xsl:if>
        </xsl:if>
      </p>
      <xsl:text>&#10;</xsl:text>
      <!-- The same reference for reference managers. .cite-data (html-css.xsl) keeps long
           values from running off a phone's screen. -->
      <h3 id="ed-cite-bibtex">BibTeX</h3>
      <pre class="cite-data cite-bibtex"><code>
        <xsl:call-template name="bibtex"><xsl:with-param name="trl" select="$trl"/><xsl:with-param name="version" select="$version"/></xsl:call-template>
      </code></pre>
      <xsl:text>&#10;</xsl:text>
      <h3 id="ed-cite-csl">CSL-JSON</h3>
      <pre class="cite-data cite-csl"><code>
        <xsl:call-template name="csl-json"><xsl:with-param name="trl" select="$trl"/><xsl:with-param name="version" select="$version"/></xsl:call-template>
      </code></pre>
    </section>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- ===== the citation as data: BibTeX and CSL-JSON (context: teiHeader) ===== -->

  <xsl:template name="cite-id">
    <xsl:choose>
      <xsl:when test="/tei:TEI/@xml:id"><xsl:value-of select="/tei:TEI/@xml:id"/></xsl:when>
      <xsl:when test="$page-name != ''"><xsl:value-of select="substring-before($page-name, '.html')"/></xsl:when>
      <xsl:otherwise>document</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The archival location without the holder: "fond 558, opis 11, delo 99, ll. 0007-0008". -->
  <xsl:template name="archive-location">
    <xsl:variable name="id" select="tei:msIdentifier"/>
    <xsl:for-each select="($id/tei:collection | $id/tei:idno | $id/tei:msName | tei:msContents/tei:msItem/tei:locus[1])[normalize-space()]">
      <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:if test="@type and not(@type = 'callNo' or @type = 'callNumber' or @type = 'shelfmark' or @type = 'local')">
        <xsl:value-of select="concat(@type, ' ')"/>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="bibtex">
    <xsl:param name="trl"/>
    <xsl:param name="version"/>
    <xsl:variable name="fd" select="tei:fileDesc"/>
    <xsl:variable name="ms" select="$fd/tei:sourceDesc/tei:msDesc[1]"/>
    <xsl:variable name="senders" select="tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/*[self::tei:persName or self::tei:orgName or self::tei:name]"/>
    <xsl:text>@misc{</xsl:text>
    <xsl:call-template name="cite-id"/>
    <xsl:call-template name="bib-field"><xsl:with-param name="name" select="'title'"/><xsl:with-param name="value" select="$doc-title"/></xsl:call-template>
    <xsl:if test="$senders">
      <xsl:text>,&#10;  author = {</xsl:text>
      <xsl:for-each select="$senders">
        <xsl:if test="position() &gt; 1"><xsl:text> and </xsl:text></xsl:if>
        <!-- an organisation in braces, so that it is not read as "Last, First" -->
        <xsl:if test="self::tei:orgName">{</xsl:if>
        <xsl:call-template name="bib-escape"><xsl:with-param name="text" select="normalize-space(.)"/></xsl:call-template>
        <xsl:if test="self::tei:orgName">}</xsl:if>
      </xsl:for-each>
      <xsl:text>}</xsl:text>
    </xsl:if>
    <xsl:if test="$doc-date/@when">
      <xsl:variable name="iso" select="substring-before(concat(normalize-space($doc-date/@when), 'T'), 'T')"/>
      <xsl:call-template name="bib-field"><xsl:with-param name="name" select="'date'"/><xsl:with-param name="value" select="$iso"/></xsl:call-template>
      <xsl:call-template name="bib-field"><xsl:with-param name="name" select="'year'"/><xsl:with-param name="value" select="substring($iso, 1, 4)"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$trl">
      <xsl:call-template name="bib-field">
        <xsl:with-param name="name" select="'translator'"/>
        <xsl:with-param name="value">
          <xsl:for-each select="$trl/tei:persName | $trl/tei:name">
            <xsl:if test="position() &gt; 1"><xsl:text> and </xsl:text></xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$edition-name != ''">
      <xsl:call-template name="bib-field"><xsl:with-param name="name" select="'howpublished'"/><xsl:with-param name="value" select="$edition-name"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$version != ''">
      <xsl:call-template name="bib-field"><xsl:with-param name="name" select="'version'"/><xsl:with-param name="value" select="$version"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$this-url != ''">
      <xsl:call-template name="bib-field"><xsl:with-param name="name" select="'url'"/><xsl:with-param name="value" select="$this-url"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$ms">
      <xsl:call-template name="bib-field">
        <xsl:with-param name="name" select="'note'"/>
        <xsl:with-param name="value">
          <xsl:text>Original: </xsl:text>
          <xsl:for-each select="$ms"><xsl:call-template name="archival-reference"><xsl:with-param name="plain" select="'yes'"/></xsl:call-template></xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:text>&#10;}</xsl:text>
  </xsl:template>

  <xsl:template name="bib-field">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:value-of select="concat(',&#10;  ', $name, ' = {')"/>
    <xsl:call-template name="bib-escape"><xsl:with-param name="text" select="normalize-space($value)"/></xsl:call-template>
    <xsl:text>}</xsl:text>
  </xsl:template>

  <!-- TeX's special characters: & % $ # _ get a backslash; braces and
       backslashes, which would unbalance the entry, become ( ) and /. -->
  <xsl:template name="bib-escape">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="translate($text, '&amp;%$#_', '') = $text">
        <xsl:value-of select="translate($text, '{}\', '()/')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="head" select="substring($text, 1, 1)"/>
        <xsl:if test="contains('&amp;%$#_', $head)">\</xsl:if>
        <xsl:value-of select="translate($head, '{}\', '()/')"/>
        <xsl:call-template name="bib-escape"><xsl:with-param name="text" select="substring($text, 2)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="csl-json">
    <xsl:param name="trl"/>
    <xsl:param name="version"/>
    <xsl:variable name="fd" select="tei:fileDesc"/>
    <xsl:variable name="bibl" select="$fd/tei:sourceDesc/tei:bibl[1]"/>
    <xsl:variable name="ms" select="$fd/tei:sourceDesc/tei:msDesc[1]"/>
    <xsl:variable name="corresp" select="tei:profileDesc/tei:correspDesc/tei:correspAction"/>
    <xsl:text>[&#10;  {&#10;    "id": </xsl:text>
    <xsl:call-template name="json-string"><xsl:with-param name="text"><xsl:call-template name="cite-id"/></xsl:with-param></xsl:call-template>
    <xsl:call-template name="json-field">
      <xsl:with-param name="name" select="'type'"/>
      <xsl:with-param name="value">
        <xsl:choose>
          <xsl:when test="$corresp[@type = 'received']/*[self::tei:persName or self::tei:orgName or self::tei:name]">letter</xsl:when>
          <xsl:otherwise>manuscript</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="json-field"><xsl:with-param name="name" select="'title'"/><xsl:with-param name="value" select="$doc-title"/></xsl:call-template>
    <xsl:call-template name="json-names"><xsl:with-param name="name" select="'author'"/><xsl:with-param name="agents" select="$corresp[@type = 'sent']/*[self::tei:persName or self::tei:orgName or self::tei:name]"/></xsl:call-template>
    <xsl:call-template name="json-names"><xsl:with-param name="name" select="'recipient'"/><xsl:with-param name="agents" select="$corresp[@type = 'received']/*[self::tei:persName or self::tei:orgName or self::tei:name]"/></xsl:call-template>
    <xsl:call-template name="json-names"><xsl:with-param name="name" select="'translator'"/><xsl:with-param name="agents" select="$trl/tei:persName | $trl/tei:name"/></xsl:call-template>
    <xsl:if test="$doc-date/@when">
      <xsl:variable name="iso" select="substring-before(concat(normalize-space($doc-date/@when), 'T'), 'T')"/>
      <xsl:variable name="y" select="substring($iso, 1, 4)"/>
      <xsl:variable name="m" select="substring($iso, 6, 2)"/>
      <xsl:variable name="d" select="substring($iso, 9, 2)"/>
      <xsl:if test="string(number($y)) != 'NaN' and not(starts-with($iso, '-'))">
        <xsl:text>,&#10;    "issued": {"date-parts": [[</xsl:text>
        <xsl:value-of select="number($y)"/>
        <xsl:if test="string(number($m)) != 'NaN'"><xsl:value-of select="concat(', ', number($m))"/></xsl:if>
        <xsl:if test="string(number($m)) != 'NaN' and string(number($d)) != 'NaN'"><xsl:value-of select="concat(', ', number($d))"/></xsl:if>
        <xsl:text>]]}</xsl:text>
      </xsl:if>
    </xsl:if>
    <xsl:if test="$edition-name != ''">
      <xsl:call-template name="json-field"><xsl:with-param name="name" select="'container-title'"/><xsl:with-param name="value" select="$edition-name"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="normalize-space($fd/tei:publicationStmt/tei:publisher[1]) != ''">
      <xsl:call-template name="json-field"><xsl:with-param name="name" select="'publisher'"/><xsl:with-param name="value" select="$fd/tei:publicationStmt/tei:publisher[1]"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$version != ''">
      <xsl:call-template name="json-field"><xsl:with-param name="name" select="'version'"/><xsl:with-param name="value" select="$version"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$this-url != ''">
      <xsl:call-template name="json-field"><xsl:with-param name="name" select="'URL'"/><xsl:with-param name="value" select="$this-url"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$doc-kind != ''">
      <xsl:call-template name="json-field"><xsl:with-param name="name" select="'genre'"/><xsl:with-param name="value" select="$doc-kind"/></xsl:call-template>
    </xsl:if>
    <xsl:for-each select="$ms/tei:msIdentifier/*[self::tei:repository or self::tei:institution][normalize-space()][1]">
      <xsl:call-template name="json-field"><xsl:with-param name="name" select="'archive'"/><xsl:with-param name="value" select="."/></xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$ms">
      <xsl:variable name="location"><xsl:call-template name="archive-location"/></xsl:variable>
      <xsl:if test="$location != ''">
        <xsl:call-template name="json-field"><xsl:with-param name="name" select="'archive_location'"/><xsl:with-param name="value" select="$location"/></xsl:call-template>
      </xsl:if>
    </xsl:for-each>
    <xsl:if test="normalize-space($bibl/tei:publisher[1]) != ''">
      <xsl:call-template name="json-field"><xsl:with-param name="name" select="'source'"/><xsl:with-param name="value" select="$bibl/tei:publisher[1]"/></xsl:call-template>
    </xsl:if>
    <xsl:text>&#10;  }&#10;]</xsl:text>
  </xsl:template>

  <xsl:template name="json-field">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:value-of select="concat(',&#10;    &quot;', $name, '&quot;: ')"/>
    <xsl:call-template name="json-string"><xsl:with-param name="text" select="$value"/></xsl:call-template>
  </xsl:template>

  <!-- CSL names: a person as family and given name (the last word is the
       family name), an organisation as a literal. -->
  <xsl:template name="json-names">
    <xsl:param name="name"/>
    <xsl:param name="agents"/>
    <xsl:if test="$agents[normalize-space()]">
      <xsl:value-of select="concat(',&#10;    &quot;', $name, '&quot;: [')"/>
      <xsl:for-each select="$agents[normalize-space()]">
        <xsl:variable name="full" select="normalize-space(.)"/>
        <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
        <xsl:choose>
          <xsl:when test="self::tei:persName and contains($full, ' ')">
            <xsl:variable name="family"><xsl:call-template name="last-word"><xsl:with-param name="text" select="$full"/></xsl:call-template></xsl:variable>
            <xsl:text>{"family": </xsl:text>
            <xsl:call-template name="json-string"><xsl:with-param name="text" select="$family"/></xsl:call-template>
            <xsl:text>, "given": </xsl:text>
            <xsl:call-template name="json-string"><xsl:with-param name="text" select="substring($full, 1, string-length($full) - string-length($family) - 1)"/></xsl:call-template>
            <xsl:text>}</xsl:text>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>{"literal": </xsl:text>
            <xsl:call-template name="json-string"><xsl:with-param name="text" select="$full"/></xsl:call-template>
            <xsl:text>}</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:text>]</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="last-word">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, ' ')"><xsl:call-template name="last-word"><xsl:with-param name="text" select="substring-after($text, ' ')"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A JSON string: quoted, with " and \ escaped (normalize-space has
       removed the control characters XML allows). -->
  <xsl:template name="json-string">
    <xsl:param name="text"/>
    <xsl:text>"</xsl:text>
    <xsl:call-template name="json-escape"><xsl:with-param name="text" select="normalize-space($text)"/></xsl:call-template>
    <xsl:text>"</xsl:text>
  </xsl:template>

  <xsl:template name="json-escape">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '\') or contains($text, '&quot;')">
        <xsl:variable name="before-bs" select="substring-before(concat($text, '\'), '\')"/>
        <xsl:variable name="before-q" select="substring-before(concat($text, '&quot;'), '&quot;')"/>
        <xsl:variable name="head">
          <xsl:choose>
            <xsl:when test="string-length($before-bs) &lt; string-length($before-q)"><xsl:value-of select="$before-bs"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$before-q"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:value-of select="$head"/>
        <xsl:text>\</xsl:text>
        <xsl:value-of select="substring($text, string-length($head) + 1, 1)"/>
        <xsl:call-template name="json-escape"><xsl:with-param name="text" select="substring($text, string-length($head) + 2)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date element as plain text: its words, or its @when formatted. -->
  <xsl:template name="date-text">
    <xsl:param name="date"/>
    <xsl:choose>
      <xsl:when test="normalize-space($date) != '' and normalize-space($date) != normalize-space($date/@when)"><xsl:value-of select="normalize-space($date)"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="format-date"><xsl:with-param name="iso" select="$date/@when"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
