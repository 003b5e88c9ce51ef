variable "1abc" {
}
