import java.io.File;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXParseException;

/**
 * Validates XML files against an XSD with the JDK's own validator (no dependencies).
 * Usage: java XsdValidate.java schema.xsd file.xml [more.xml ...]
 * Prints "OK <file>" for each valid file; for the first invalid one prints
 * "INVALID <file>:<line>:<column>: <message>" and exits with status 1.
 */
public class XsdValidate {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: java XsdValidate.java schema.xsd file.xml [more.xml ...]");
      System.exit(2);
    }
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    // No external entities or schemas: the extract must stand on its own.
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
    Schema schema = factory.newSchema(new File(args[0]));
    for (int i = 1; i < args.length; i++) {
      Validator validator = schema.newValidator();
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      try {
        validator.validate(new StreamSource(new File(args[i])));
        System.out.println("OK " + args[i]);
      } catch (SAXParseException e) {
        System.out.println("INVALID " + args[i] + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
        System.exit(1);
      }
    }
  }
}
