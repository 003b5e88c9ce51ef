locals {
  a = "{ not a brace }"
  b = "[ not a bracket"
  c = x
  dd = "}"
}
