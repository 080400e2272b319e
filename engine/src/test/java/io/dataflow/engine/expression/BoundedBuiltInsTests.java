package io.dataflow.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.model.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-ins the engine replaces with bounded versions behave as the JSONata documentation's examples say
 * (docs.jsonata.org, string and object functions, regular expressions).
 */
class BoundedBuiltInsTests {

    private static String evaluate(String expression) throws ExpressionException {
        return Json.write(JsonataTransform.apply(expression, Json.object(), ExpressionLimits.DEFAULT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "$pad('foo', 5)                                     | 'foo  '",
        "$pad('foo', -5)                                    | '  foo'",
        "$pad('foo', -5, '#')                               | '##foo'",
        "$pad($formatBase(35, 2), -8, '0')                  | '00100011'",
        "$pad('foo', 2)                                     | 'foo'",
        "$pad('ab', 7, 'xyz')                               | 'abxyzxy'",
        "$pad('😀', 3, '😀')                                | '😀😀😀'",
        "$join(['a', 'b', 'c'])                             | 'abc'",
        "$join(['a', 'b', 'c'], ', ')                       | 'a, b, c'",
        "$join([])                                          | ''",
        "$string(5)                                         | '5'",
        "$string('text')                                    | 'text'",
        "$string([1, 'two', {'a': null, 'b': true}])        | '[1,\\\"two\\\",{\\\"a\\\":null,\\\"b\\\":true}]'",
        "$string({'a': 1.5, 'b': [1, 2]}, true)             | '{\\n  \\\"a\\\": 1.5,\\n  \\\"b\\\": [\\n    1,\\n    2\\n  ]\\n}'",
        "$string(1/3)                                       | '0.333333333333333'",
        "$contains('abracadabra', 'bra')                    | true",
        "$contains('abracadabra', /a.*a/)                   | true",
        "$contains('abracadabra', /ar.*a/)                  | false",
        "$contains('Hello World', /wo/)                     | false",
        "$contains('Hello World', /wo/i)                    | true",
        "$split('so many words', ' ')                       | ['so','many','words']",
        "$split('so many words', ' ', 2)                    | ['so','many']",
        "$split('too much, punctuation. hard; to read', /[ ,.;]+/) | ['too','much','punctuation','hard','to','read']",
        "$split('a,b,', ',')                                | ['a','b','']",
        "$split('abc', '')                                  | ['a','b','c']",
        "$match('ababbabbcc', /a(b+)/)                      | [{'match':'ab','index':0,'groups':['b']},{'match':'abb','index':2,'groups':['bb']},{'match':'abb','index':5,'groups':['bb']}]",
        "$match('ababbabbcc', /a(b+)/, 1)                   | {'match':'ab','index':0,'groups':['b']}",
        "$replace('John Smith and John Jones', 'John', 'Mr')    | 'Mr Smith and Mr Jones'",
        "$replace('John Smith and John Jones', 'John', 'Mr', 1) | 'Mr Smith and John Jones'",
        "$replace('abracadabra', /a.*?a/, '*')              | '*c*bra'",
        "$replace('John Smith', /(\\w+)\\s(\\w+)/, '$2, $1') | 'Smith, John'",
        "$replace('265USD', /([0-9]+)USD/, '$$$1')          | '$265'",
        "$replace('a.b.c', '.', '$1')                       | 'a$1b$1c'",
        "$replace('temperature = 68F today', /(\\d+)F/, function($m) { ($number($m.groups[0]) - 32) * 5/9 & 'C' }) | 'temperature = 20C today'",
        "$spread({'a': 1, 'b': 2})                          | [{'a':1},{'b':2}]",
        "$spread([{'a': 1}, {'b': 2, 'c': 3}])              | [{'a':1},{'b':2},{'c':3}]",
        "$spread([{'a': 1}])                                | [{'a':1}]",
        "$eval('[1,2,3]')                                   | [1,2,3]",
        "$eval('[1,$string(2),3]')                          | [1,'2',3]",
        "$eval('$ + 1', 41)                                 | 42",
        "($r := /a(b+)/; $r('xabbbc').match)                | 'abbb'",
        "($r := /a(b+)/; $r('xabbbc').groups)               | ['bbb']",
        "($r := /a(b+)/; $r('xabbbc ab').next().match)      | 'ab'",
        "('07700 900123' ~> /^07/).start                    | 0",
        "$count(['07700', '0123', '0789'][$ ~> /^07/])      | 2",
        "$map(['a1', 'b2'], $string)                        | ['a1','b2']",
        "$formatNumber(12345.6, '#,###.00')                 | '12,345.60'",
        "$formatInteger(2789, 'w')                          | 'two thousand, seven hundred and eighty-nine'",
        "$parseInteger('twelve thousand, four hundred and seventy-six', 'w') | 12476",
        "$fromMillis(1510067557121, '[M01]/[D01]/[Y0001] [h#1]:[m01][P]') | '11/07/2017 3:12pm'",
        "$toMillis('2017-11-07T15:07:54.972Z')              | 1510067274972",
        "$toMillis('13/09/2018', '[D]/[M]/[Y]')             | 1536796800000",
    })
    void behavesAsDocumented(String expression, String expected) throws ExpressionException {
        assertThat(Json.parse(evaluate(expression.replace('\'', '"'))))
                .isEqualTo(Json.parse(expected.replace('\'', '"')));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "$replace('abc', '', 'x')             | Second argument of replace",
        "$replace('abc', 'b', 'x', -1)        | Fourth argument of replace",
        "$split('abc', 'b', -1)               | Third argument of split",
        "$match('abc', /b/, -1)               | Third argument of match",
        "$match('abc', 'b')                   | does not match",
        "$replace('abc', /b/, function($m){ 1 }) | non-string value",
    })
    void rejectsWhatJsonataRejects(String expression, String message) {
        assertThatThrownBy(() -> evaluate(expression.replace('\'', '"')))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining(message);
    }
}
