variable "x" {
  type = "list"
  validation {
    type = "string"
  }
}
resource "r" "s" {
  type = "string"
}
variable "y" {
  type = "map" # legacy
  default = "${var.z}"
}
