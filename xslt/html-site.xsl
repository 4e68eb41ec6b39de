<?xml version="1.0" encoding="UTF-8"?>
<!--
  The parts of the web edition shared across its pages: the navigation
  between the index (with the search), the reading pages and the register
  pages, the link to an entry's register page, and the CSS of the register
  pages and the search. Included by tei-to-html.xsl, index.xsl and
  register.xsl.

  A page is part of a site when it knows the index page ($index-href, see
  params.xsl): the register pages (persons.html, places.html, orgs.html,
  made by encoder.site) are then beside the index. A page rendered on its own
  (no index-href) has no site navigation, and its names link to the register
  section of the page itself.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <!-- "a/b/index.html" gives "a/b/": where the site's pages are. -->
  <xsl:template name="site-dir">
    <xsl:param name="path" select="$index-href"/>
    <xsl:if test="contains($path, '/')">
      <xsl:value-of select="concat(substring-before($path, '/'), '/')"/>
      <xsl:call-template name="site-dir"><xsl:with-param name="path" select="substring-after($path, '/')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The register page of an entry (person, place or org element), '' for anything else. -->
  <xsl:template name="register-page">
    <xsl:param name="entry"/>
    <xsl:choose>
      <xsl:when test="$entry[self::tei:person]">persons.html</xsl:when>
      <xsl:when test="$entry[self::tei:place]">places.html</xsl:when>
      <xsl:when test="$entry[self::tei:org]">orgs.html</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Links between the site's pages; $current (index, person, place, org) is marked. -->
  <xsl:template name="site-nav">
    <xsl:param name="current" select="''"/>
    <xsl:param name="index" select="$index-href"/>
    <xsl:variable name="dir">
      <xsl:call-template name="site-dir"><xsl:with-param name="path" select="$index"/></xsl:call-template>
    </xsl:variable>
    <nav class="site-nav" aria-label="Edition">
      <xsl:call-template name="site-link">
        <xsl:with-param name="href" select="$index"/>
        <xsl:with-param name="label">Documents</xsl:with-param>
        <xsl:with-param name="here" select="$current = 'index'"/>
      </xsl:call-template>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="site-link">
        <xsl:with-param name="href" select="concat($dir, 'persons.html')"/>
        <xsl:with-param name="label">Persons</xsl:with-param>
        <xsl:with-param name="here" select="$current = 'person'"/>
      </xsl:call-template>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="site-link">
        <xsl:with-param name="href" select="concat($dir, 'places.html')"/>
        <xsl:with-param name="label">Places</xsl:with-param>
        <xsl:with-param name="here" select="$current = 'place'"/>
      </xsl:call-template>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="site-link">
        <xsl:with-param name="href" select="concat($dir, 'orgs.html')"/>
        <xsl:with-param name="label">Organisations</xsl:with-param>
        <xsl:with-param name="here" select="$current = 'org'"/>
      </xsl:call-template>
    </nav>
  </xsl:template>

  <xsl:template name="site-link">
    <xsl:param name="href"/>
    <xsl:param name="label"/>
    <xsl:param name="here" select="false()"/>
    <a href="{$href}">
      <xsl:if test="$here"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
      <xsl:value-of select="$label"/>
    </a>
  </xsl:template>

  <!-- CSS of the site's own parts (after html-css.xsl's, using its colours). -->
  <xsl:template name="site-css">
    <style>
<xsl:text>
.site-nav { margin-top: .25rem; }
.site-nav a { display: inline-block; padding: .2rem 0; }
.site-nav a[aria-current="page"] { font-weight: 600; color: var(--ink); }
.letters { margin: 1rem 0 .5rem; font: .95rem/2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.letters a { display: inline-block; min-width: 1.9rem; padding: 0 .3rem; text-align: center; }
.letter-group h2 { margin-top: 2rem; padding-bottom: .2rem; border-bottom: 1px solid var(--rule); }
.reg-entry { padding: .6rem 0 .8rem; border-top: 1px solid var(--rule); }
.letter-group h2 + .reg-entry { border-top: 0; }
.reg-entry h3 { margin: 0 0 .2rem; font-size: 1.1rem; }
.register-person .reg-entry h3 { color: var(--pers); }
.register-place .reg-entry h3 { color: var(--place); }
.register-org .reg-entry h3 { color: var(--org); }
.reg-entry :target, .reg-entry:target { background: var(--badge-bg); box-shadow: 0 0 0 .4em var(--badge-bg); }
.entry-facts, .entry-count { margin: 0 0 .3rem; font: .92rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; overflow-wrap: anywhere; }
.entry-count { color: var(--muted); }
.backrefs { margin: 0; padding-left: 1.1rem; font-size: .97rem; }
.backrefs li { margin: .3rem 0; }
.backrefs .meta-line, .backrefs .forms { color: var(--muted); font: .85rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.backrefs .passages a { display: inline-block; padding: .15rem 0; white-space: nowrap; }
.search { margin: 1rem 0 1.5rem; padding: .75rem 1rem; background: var(--panel); border: 1px solid var(--rule); border-radius: 6px; }
.search label { display: block; font: 600 .9rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin-bottom: .3rem; }
.search input { width: 100%; max-width: 30rem; padding: .45rem .6rem; font: inherit; color: var(--ink); background: var(--paper); border: 1px solid var(--muted); border-radius: 4px; }
.search input:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.search-status { margin: .5rem 0 0; font: .85rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--muted); }
.search-results { list-style: none; padding: 0; margin: .5rem 0 0; }
.search-results li { padding: .5rem 0; border-top: 1px solid var(--rule); }
.search-results .doc-title { font-weight: 600; }
.search-results .meta-line { margin: 0; font: .85rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--muted); }
.search-results .summary { margin: .2rem 0 0; }
[hidden] { display: none !important; }
@media (max-width: 40rem) {
  .backrefs { padding-left: .9rem; }
}
@media print {
  .site-nav, .letters, .search { display: none; }
  .backrefs li { break-inside: avoid; page-break-inside: avoid; }
  .backrefs .passages a { padding: 0; }
}
</xsl:text>
    </style>
  </xsl:template>

</xsl:stylesheet>
