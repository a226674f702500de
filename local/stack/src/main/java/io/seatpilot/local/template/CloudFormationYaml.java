package io.seatpilot.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML parser that understands CloudFormation's short-form tags. Every tag becomes the long form
 * ({@code !Ref X} → {@code {Ref: X}}, {@code !GetAtt A.B} → {@code {Fn::GetAtt: [A, B]}}), so the resolver
 * handles one representation whichever form a template author chose.
 */
final class CloudFormationYaml {

    private static final List<String> FUNCTION_TAGS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
            "ToJsonString", "Length");

    private CloudFormationYaml() {
    }

    static Yaml parser() {
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new ShortFormConstructor(options));
    }

    private static final class ShortFormConstructor extends SafeConstructor {

        ShortFormConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            FUNCTION_TAGS.forEach(name -> yamlConstructors.put(new Tag("!" + name), new LongForm("Fn::" + name)));
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object argument = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> new ArrayList<>(constructSequence(sequence));
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("Unexpected YAML node for " + key + ": " + node);
                };
                if (key.equals("Fn::GetAtt") && argument instanceof String dotted) {
                    int dot = dotted.indexOf('.');
                    if (dot < 0) {
                        throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got " + dotted);
                    }
                    argument = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                return Map.of(key, argument);
            }
        }
    }
}
