// html-validate's rules for errspec's generated HTML pages (html target): the recommended and
// accessibility presets, plus heading order and no inline style attributes.
module.exports = {
  extends: ["html-validate:recommended", "html-validate:a11y"],
  rules: {
    "heading-level": "error",
    "no-inline-style": "error",
    "unique-landmark": "error",
    // The <title> is the API's name and "error reference": how long it is is the spec's choice.
    "long-title": "off",
  },
};
