resource "caf\u00e9" "back\\slash" {
}
resource "quote\"d" "tab\there" "nl\nx" {
}
resource "template$${x}" "b" {
}
resource "" "empty" {
}
