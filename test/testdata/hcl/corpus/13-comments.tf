# Hash comment at the top.
// Double-slash comment.
/* A block comment
   spanning lines */

resource "aws_sqs_queue" "q" { # trailing hash comment
  name = "jobs" // trailing slash comment
  /* inline */ delay_seconds = 0
  visibility_timeout_seconds = /* before value */ 30
  tags = {
    # comment inside object
    Team = "platform" // after item
    /* block in object */
    Cost = "shared"
  }
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn # inside call
    maxReceiveCount     = 4
  })
}

resource "aws_sqs_queue" "dlq" {
  name = "jobs-dlq"
}
# Comment at the very end without newline