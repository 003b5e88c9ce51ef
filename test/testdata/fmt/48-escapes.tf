locals {
  a = "quote \" backslash \\ newline \n tab \t"
  b = "unicode \u00e9 \U0001F600"
  c = "dollar $${literal} percent %%{literal}"
  d  =  "${"nested ${"deep"}"}"
}
