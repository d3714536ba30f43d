<?xml version="1.0" encoding="utf-8"?>
<!-- Turns a Kollektivkart Atom feed opened in a browser into a page that says what a feed is, gives its address to copy
     and lists its entries. Feed readers ignore it: they read the Atom. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:template match="/atom:feed">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> · Kollektivkart</title>
        <link rel="stylesheet" href="/css/site.css"/>
      </head>
      <body>
        <header class="site-header">
          <p class="site-name"><a href="/">Kollektivkart</a></p>
        </header>
        <main id="main" class="feed-page">
          <h1><xsl:value-of select="atom:title"/></h1>
          <section class="notice feed-explained">
            <h2>This is a feed</h2>
            <p>A feed is a page for a feed reader rather than for reading here: add its address to a feed reader (such as
               Feedly, Inoreader, NetNewsWire or Thunderbird) and it shows you each new month's changes when they come.</p>
            <p><label for="feed-address">The feed's address, to copy into your feed reader</label><br/>
              <input id="feed-address" class="feed-address" type="text" readonly="readonly" value="{atom:link[@rel='self']/@href}"/></p>
            <xsl:if test="atom:link[@rel='alternate']">
              <p><a href="{atom:link[@rel='alternate']/@href}">The page this feed follows</a></p>
            </xsl:if>
          </section>
          <p><xsl:value-of select="atom:subtitle"/></p>
          <h2>Entries</h2>
          <xsl:choose>
            <xsl:when test="atom:entry">
              <ol class="feed-entries">
                <xsl:for-each select="atom:entry">
                  <li>
                    <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
                    <p><xsl:value-of select="atom:summary"/></p>
                  </li>
                </xsl:for-each>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p>No entries yet: the first comes when a complete month has changes against the month before.</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
