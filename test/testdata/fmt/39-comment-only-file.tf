   # just a comment
      // and another



  /* and a block */
