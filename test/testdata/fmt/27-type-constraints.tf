variable "a" {
  type = "string"
}
variable "b" {
  type = "list"
}
variable "c" {
  type = "map"
}
variable "d" {
  type = list
}
variable "e" {
  type = map
}
variable "f" {
  type = set
}
variable "g" {
  type = list(string)
}
variable "h" {
  type = "number"
}
variable "i" {
  type = object({ a = string, b = list })
}
locals {
  type = "string"
}
