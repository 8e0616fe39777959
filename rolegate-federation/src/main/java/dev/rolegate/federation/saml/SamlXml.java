package dev.rolegate.federation.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one XML parser for SAML documents (IdP metadata, responses): namespace aware, DOCTYPE
 * declarations refused (so no entity of any kind is defined, let alone fetched), external DTDs and
 * schemas not loaded, XInclude off, the JDK's secure-processing limits on. Plus the small DOM
 * helpers the SAML code shares.
 */
public final class SamlXml {
  public static final String PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
  public static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
  public static final String METADATA_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
  public static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

  private static final DocumentBuilderFactory FACTORY = factory();

  private SamlXml() {}

  /** Why a document was refused; the message names the problem, never the document's content. */
  public static final class BadXml extends Exception {
    private static final long serialVersionUID = 1L;

    BadXml(String message) {
      super(message);
    }
  }

  private static DocumentBuilderFactory factory() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setValidating(false);
      return f;
    } catch (ParserConfigurationException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the JDK's XML parser does not support the hardening SAML needs", e);
    }
  }

  /** Parses untrusted XML; a DOCTYPE, or anything that is not well-formed, is refused. */
  public static Document parse(byte[] xml) throws BadXml {
    try {
      DocumentBuilder b = FACTORY.newDocumentBuilder();
      b.setErrorHandler(SILENT);
      b.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entities are not allowed");
          });
      return b.parse(new ByteArrayInputStream(xml));
    } catch (SAXParseException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("DOCTYPE")) {
        throw new BadXml("document type declarations (DOCTYPE) are not allowed");
      }
      throw new BadXml(
          "not well-formed XML (line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + ")");
    } catch (SAXException | IOException e) {
      throw new BadXml("not well-formed XML");
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final ErrorHandler SILENT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };

  public static boolean is(Node n, String ns, String localName) {
    return n instanceof Element e
        && ns.equals(e.getNamespaceURI())
        && localName.equals(e.getLocalName());
  }

  /** The element children of {@code parent} with that name, in document order. */
  public static List<Element> children(Element parent, String ns, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (is(n, ns, localName)) {
        out.add((Element) n);
      }
    }
    return out;
  }

  /** The one child with that name, or null when there is none; more than one is refused. */
  public static Element child(Element parent, String ns, String localName) throws BadXml {
    List<Element> c = children(parent, ns, localName);
    if (c.size() > 1) {
      throw new BadXml("more than one " + localName + " element in " + parent.getLocalName());
    }
    return c.isEmpty() ? null : c.get(0);
  }

  /** The attribute's value, or null when it is absent (DOM returns "" for both). */
  public static String attribute(Element e, String name) {
    return e.hasAttributeNS(null, name) ? e.getAttributeNS(null, name) : null;
  }

  /** An {@code xs:dateTime} as an instant (no zone means UTC, as SAML requires UTC). */
  public static Instant dateTime(String value, String what) throws BadXml {
    try {
      var c = DatatypeFactory.newInstance().newXMLGregorianCalendar(value.strip());
      if (c.getTimezone() == javax.xml.datatype.DatatypeConstants.FIELD_UNDEFINED) {
        c.setTimezone(0);
      }
      return c.toGregorianCalendar().toInstant();
    } catch (IllegalArgumentException | DatatypeConfigurationException e) {
      throw new BadXml(what + " is not an xs:dateTime: " + value);
    }
  }

  /** The element's text, whitespace around it removed. */
  public static String text(Element e) {
    return e.getTextContent() == null ? "" : e.getTextContent().strip();
  }
}
