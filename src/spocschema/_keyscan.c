/*
 * spocschema._keyscan: one pass over JSON bytes that vouches for what pydantic's parser
 * does not check.
 *
 * Why this exists: pydantic's Rust JSON parser keeps the last of two duplicate keys without a
 * word, and accepts NaN, Infinity and numbers that overflow to infinity. spocschema refuses all
 * of these, so before it trusts ``model_validate_json`` it must know the text has none. Done in
 * Python (counting keys in the text and in the model), that proof cost 40-50 % of the
 * validation itself; the published target is 30 %. This scanner does it in one pass of C.
 *
 * It is not a JSON parser and builds no values: pydantic parses. It only has to be exact on
 * valid JSON and must never vouch for a text it does not understand. ``vouch`` returns True
 * only when the text is, structurally, one JSON value and
 *
 *   - no object holds the same key twice (keys compared as bytes; a key with a backslash
 *     escape could equal another one spelt differently, so such a text is not vouched for),
 *   - containers nest at most ``max_depth`` deep and the text holds at most ``max_values``
 *     values (the loader's limits, counted as the loader counts them, or more strictly),
 *   - every literal is true, false or null, and no number with a fraction or an exponent is
 *     large enough to become infinite as a double.
 *
 * False means only "not vouched for": the caller then takes the slow path, which parses in
 * Python and reports every problem with its line and column. Being stricter than the loader
 * (an object with more than MAX_KEYS keys, an escaped key, a long exponent) costs speed on
 * rare documents, never correctness. Time and memory are linear in the input: key
 * comparisons are bounded by MAX_KEYS per key, and the key table holds only the keys of the
 * objects open at one time.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* Deeper nesting is never vouched for, whatever max_depth asks (the slow path decides). */
#define MAX_FRAMES 512
/* Objects with more keys are not vouched for: keeps duplicate search linear per key. */
#define MAX_KEYS 128
/* A float whose integer digits plus exponent exceed this may overflow (DBL_MAX ~ 1.8e308). */
#define MAX_MAGNITUDE 300

typedef struct {
    Py_ssize_t start;
    Py_ssize_t length;
} Span;

typedef struct {
    int is_object;
    Py_ssize_t first_key; /* index in the key table of this object's first key */
} Frame;

typedef struct {
    const unsigned char *text;
    Py_ssize_t size;
    Py_ssize_t pos;
    Span *keys;
    Py_ssize_t key_count;
    Py_ssize_t key_capacity;
} Scanner;

static void
skip_whitespace(Scanner *s)
{
    const unsigned char *text = s->text;
    Py_ssize_t pos = s->pos, size = s->size;
    while (pos < size) {
        unsigned char c = text[pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            break;
        }
        pos++;
    }
    s->pos = pos;
}

/* Scan a string whose opening quote is at s->pos. On success, s->pos is past the closing
 * quote and *content is the span between the quotes; returns 0 for an unterminated string. */
static int
scan_string(Scanner *s, Span *content)
{
    const unsigned char *text = s->text;
    Py_ssize_t begin = s->pos + 1, search = begin;
    for (;;) {
        const unsigned char *quote;
        Py_ssize_t at, backslashes = 0;
        if (search >= s->size) {
            return 0;
        }
        quote = memchr(text + search, '"', (size_t)(s->size - search));
        if (quote == NULL) {
            return 0;
        }
        at = quote - text;
        /* A quote ends the string unless an odd run of backslashes escapes it. */
        while (at - backslashes > begin && text[at - backslashes - 1] == '\\') {
            backslashes++;
        }
        if (backslashes % 2 == 0) {
            content->start = begin;
            content->length = at - begin;
            s->pos = at + 1;
            return 1;
        }
        search = at + 1;
    }
}

/* A key of the innermost open object: refuse escapes and duplicates, then remember it. */
static int
add_key(Scanner *s, const Frame *frame)
{
    Span key;
    Py_ssize_t i;
    if (s->pos >= s->size || s->text[s->pos] != '"' || !scan_string(s, &key)) {
        return 0;
    }
    if (key.length > 0 && memchr(s->text + key.start, '\\', (size_t)key.length) != NULL) {
        return 0;
    }
    if (s->key_count - frame->first_key >= MAX_KEYS) {
        return 0;
    }
    for (i = frame->first_key; i < s->key_count; i++) {
        const Span *seen = &s->keys[i];
        if (seen->length == key.length &&
            memcmp(s->text + seen->start, s->text + key.start, (size_t)key.length) == 0) {
            return 0;
        }
    }
    if (s->key_count == s->key_capacity) {
        Py_ssize_t capacity = s->key_capacity ? s->key_capacity * 2 : 256;
        Span *grown = PyMem_Realloc(s->keys, (size_t)capacity * sizeof(Span));
        if (grown == NULL) {
            return 0;
        }
        s->keys = grown;
        s->key_capacity = capacity;
    }
    s->keys[s->key_count++] = key;
    skip_whitespace(s);
    if (s->pos >= s->size || s->text[s->pos] != ':') {
        return 0;
    }
    s->pos++;
    return 1;
}

static int
scan_digits(Scanner *s, Py_ssize_t *count)
{
    Py_ssize_t start = s->pos;
    while (s->pos < s->size && s->text[s->pos] >= '0' && s->text[s->pos] <= '9') {
        s->pos++;
    }
    *count = s->pos - start;
    return *count > 0;
}

/* A number: JSON's grammar, and no float that could overflow to infinity. */
static int
scan_number(Scanner *s)
{
    Py_ssize_t integer_digits, digits, exponent = 0;
    int is_float = 0;
    if (s->text[s->pos] == '-') {
        s->pos++;
    }
    if (!scan_digits(s, &integer_digits)) {
        return 0;
    }
    if (integer_digits > 1 && s->text[s->pos - integer_digits] == '0') {
        return 0; /* a leading zero */
    }
    if (s->pos < s->size && s->text[s->pos] == '.') {
        s->pos++;
        is_float = 1;
        if (!scan_digits(s, &digits)) {
            return 0;
        }
    }
    if (s->pos < s->size && (s->text[s->pos] == 'e' || s->text[s->pos] == 'E')) {
        int negative = 0;
        Py_ssize_t start;
        s->pos++;
        is_float = 1;
        if (s->pos < s->size && (s->text[s->pos] == '+' || s->text[s->pos] == '-')) {
            negative = s->text[s->pos] == '-';
            s->pos++;
        }
        start = s->pos;
        if (!scan_digits(s, &digits)) {
            return 0;
        }
        if (!negative) {
            Py_ssize_t i;
            for (i = start; i < s->pos && exponent <= MAX_MAGNITUDE; i++) {
                exponent = exponent * 10 + (s->text[i] - '0');
            }
        }
    }
    return !is_float || integer_digits + exponent <= MAX_MAGNITUDE;
}

static int
scan_literal(Scanner *s, const char *word, Py_ssize_t length)
{
    if (s->size - s->pos < length || memcmp(s->text + s->pos, word, (size_t)length) != 0) {
        return 0;
    }
    s->pos += length;
    return 1;
}

static int
scan_document(Scanner *s, Py_ssize_t max_depth, Py_ssize_t max_values)
{
    Frame frames[MAX_FRAMES];
    Py_ssize_t depth = 0, values = 0;
    if (max_depth > MAX_FRAMES) {
        max_depth = MAX_FRAMES;
    }
    for (;;) {
        /* A value is expected here. */
        Span ignored;
        skip_whitespace(s);
        if (s->pos >= s->size || ++values > max_values) {
            return 0;
        }
        switch (s->text[s->pos]) {
        case '{':
        case '[':
            if (depth >= max_depth) {
                return 0;
            }
            frames[depth].is_object = s->text[s->pos] == '{';
            frames[depth].first_key = s->key_count;
            depth++;
            s->pos++;
            skip_whitespace(s);
            if (s->pos < s->size && s->text[s->pos] == (frames[depth - 1].is_object ? '}' : ']')) {
                s->pos++;
                depth--;
                break; /* empty: on to what follows a value */
            }
            if (frames[depth - 1].is_object && !add_key(s, &frames[depth - 1])) {
                return 0;
            }
            continue; /* the first member's value */
        case '"':
            if (!scan_string(s, &ignored)) {
                return 0;
            }
            break;
        case 't':
            if (!scan_literal(s, "true", 4)) {
                return 0;
            }
            break;
        case 'f':
            if (!scan_literal(s, "false", 5)) {
                return 0;
            }
            break;
        case 'n':
            if (!scan_literal(s, "null", 4)) {
                return 0;
            }
            break;
        default:
            if (s->text[s->pos] != '-' && (s->text[s->pos] < '0' || s->text[s->pos] > '9')) {
                return 0; /* NaN, Infinity, or not JSON at all */
            }
            if (!scan_number(s)) {
                return 0;
            }
        }
        /* After a value: close containers, or find the separator before the next value. */
        for (;;) {
            Frame *frame;
            unsigned char c;
            skip_whitespace(s);
            if (depth == 0) {
                return s->pos == s->size;
            }
            if (s->pos >= s->size) {
                return 0;
            }
            frame = &frames[depth - 1];
            c = s->text[s->pos++];
            if (c == (frame->is_object ? '}' : ']')) {
                s->key_count = frame->first_key;
                depth--;
                continue;
            }
            if (c != ',') {
                return 0;
            }
            if (frame->is_object) {
                skip_whitespace(s);
                if (!add_key(s, frame)) {
                    return 0;
                }
            }
            break;
        }
    }
}

PyDoc_STRVAR(vouch_doc,
"vouch(data, max_depth, max_values, /)\n--\n\n"
"True if the JSON text ``data`` is one JSON value with no duplicate key in any object,\n"
"nesting at most ``max_depth`` containers deep, at most ``max_values`` values, only\n"
"true/false/null as literals and no float that overflows. False means \"not vouched for\",\n"
"not \"invalid\": the caller must then decide by other means.");

static PyObject *
vouch(PyObject *module, PyObject *args)
{
    Py_buffer buffer;
    Py_ssize_t max_depth, max_values;
    Scanner scanner;
    int verdict;
    (void)module;
    if (!PyArg_ParseTuple(args, "y*nn:vouch", &buffer, &max_depth, &max_values)) {
        return NULL;
    }
    scanner.text = buffer.buf;
    scanner.size = buffer.len;
    scanner.pos = 0;
    scanner.keys = NULL;
    scanner.key_count = 0;
    scanner.key_capacity = 0;
    verdict = scan_document(&scanner, max_depth, max_values);
    PyMem_Free(scanner.keys);
    PyBuffer_Release(&buffer);
    return PyBool_FromLong(verdict);
}

static PyMethodDef keyscan_methods[] = {
    {"vouch", vouch, METH_VARARGS, vouch_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef keyscan_module = {
    PyModuleDef_HEAD_INIT,
    "spocschema._keyscan",
    "One pass over JSON bytes: duplicate keys, depth, size and non-finite numbers.",
    -1,
    keyscan_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__keyscan(void)
{
    return PyModule_Create(&keyscan_module);
}
