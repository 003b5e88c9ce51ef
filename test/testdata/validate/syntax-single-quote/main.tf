variable "v" {
  default = 'x'
}
