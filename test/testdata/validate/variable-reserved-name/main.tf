variable "source" {
}

variable "count" {
}
