/**
 * @module test/runtimes/vectors — official vectors embedded in the portable suite (no file access in
 * Workers or browsers). Copied verbatim from vectors/official-007.json and official-006.json of the
 * shared brief (section 8 of SPEC.md); ids are the ones used there. 007 `exactString` = the string is
 * canonical zlib level 6 output (SPEC 2.7); the `.node` vector is Node-zlib output, payload-only.
 * 007 service fields hold the packed strings (uid/account as packed).
 */

export const V007 = [
  {
    "id": "rtc-uid-join.zlib",
    "token": "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj",
    "exactString": true,
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "issueTs": 1111111,
    "expire": 600,
    "salt": 1,
    "services": [
      {
        "type": 1,
        "channel": "7d72365eb983485397e3e3f9d460bdda",
        "privileges": {
          "1": 600
        },
        "uid": "2882341273"
      }
    ],
    "payloadHex": "200016a0b84c5a5e82cbf74fb813d09f59c54bdac9c06120580539ac97578e958b1a2000393730434133356465363063343436343562626165386132313530363162333347f410005802000001000000010001000100010058020000200037643732333635656239383334383533393765336533663964343630626464610a0032383832333431323733"
  },
  {
    "id": "rtc-uid0-join.zlib",
    "token": "007eJxTYLhzZP08Lxa1Pg57+TcXb/3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMADacImo=",
    "exactString": true,
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "issueTs": 1111111,
    "expire": 600,
    "salt": 1,
    "services": [
      {
        "type": 1,
        "channel": "7d72365eb983485397e3e3f9d460bdda",
        "privileges": {
          "1": 600
        },
        "uid": ""
      }
    ],
    "payloadHex": "2000dcc4af9e4a04268e083f1fecd1daf9be33c860de592d6a2ca2b0306b9603633c2000393730434133356465363063343436343562626165386132313530363162333347f410005802000001000000010001000100010058020000200037643732333635656239383334383533393765336533663964343630626464610000"
  },
  {
    "id": "rtm-user-test_user.zlib",
    "token": "007eJxTYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZABhJiBmBPM5GUpSi0viS4tTiwBZVh6A",
    "exactString": true,
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "issueTs": 1111111,
    "expire": 600,
    "salt": 1,
    "services": [
      {
        "type": 2,
        "userId": "test_user",
        "privileges": {
          "1": 600
        }
      }
    ],
    "payloadHex": "20000d9a1df8a4e60649a82d4a68fb1f49581fb4d227b8f0b65773b79f1c89e7eb7c2000393730434133356465363063343436343562626165386132313530363162333347f4100058020000010000000100020001000100580200000900746573745f75736572"
  },
  {
    "id": "chat-user.zlib",
    "token": "007eJxTYNAIsnbS3v/A5t2TC6feR15r+6cq8bqAvfaW+tk/Vzz+p6xTYLA0N3B2NDZNSTUzSDYxMTMxTUpKTLVINDI0NTAzTDI2dv8iwBDBxMDAyADCrEDMCOZzMRhZWBgZmxgamRsDAB+lHrg=",
    "exactString": true,
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "issueTs": 1111111,
    "expire": 600,
    "salt": 1,
    "services": [
      {
        "type": 5,
        "userId": "2882341273",
        "privileges": {
          "1": 600
        }
      }
    ],
    "payloadHex": "200028523b422bbfe03ceee4d0caef59d686fe2518eb70077dda27cdfcd448ff64ae2000393730434133356465363063343436343562626165386132313530363162333347f4100058020000010000000100050001000100580200000a0032383832333431323733"
  },
  {
    "id": "apaas-app.zlib",
    "token": "007eJxTYJgT3rumdJdoWJpC3aNTb4o76swyLsrHvmznOn/x1cQM9gcKDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGUCYHYiZwXwQ+P8fAADUHTQ=",
    "exactString": true,
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "issueTs": 1111111,
    "expire": 600,
    "salt": 1,
    "services": [
      {
        "type": 7,
        "roomUuid": "",
        "userUuid": "",
        "role": -1,
        "privileges": {
          "3": 600
        }
      }
    ],
    "payloadHex": "20009c578dac75ba155666207ee2caec73887e3668d11f5de9870acfd1ea916807e02000393730434133356465363063343436343562626165386132313530363162333347f41000580200000100000001000700010003005802000000000000ffff"
  },
  {
    "id": "streaming-fcdn-rtm2-extended.zlib",
    "token": "007eJxTYPj86Lzdz79M25wNn/lMfvu+TkfmdpiviKvChm8ZV3SWndytwGBpbuDsaGyakmpmkGxiYmZimpSUmGqRaGRoamBmmGRs7P5FgCGCiYGBkYGBgRkImYAsEJ8JTCowmKeYGxmbmaYmWVoYm1iYGluapxqnGqdZppiYGSSlpCRyMRhZWBgZmxgamRuzUaSbA6gXopuToSS1uCS+tDi1iJkB4jQmoGBuanFxYnqqbiKCmcTIAIEcDMUlRamJubqJLGD1jAxsDCD9uokAO/VDvQ==",
    "exactString": true,
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "issueTs": 1111111,
    "expire": 600,
    "salt": 1,
    "services": [
      {
        "type": 3,
        "channel": "7d72365eb983485397e3e3f9d460bdda",
        "privileges": {
          "1": 600,
          "2": 600
        },
        "account": "2882341273"
      },
      {
        "type": 6,
        "channel": "7d72365eb983485397e3e3f9d460bdda",
        "privileges": {
          "1": 600,
          "2": 600
        },
        "account": "2882341273"
      },
      {
        "type": 8,
        "userId": "test_user",
        "permissions": [
          {
            "resourceType": 0,
            "permissionType": 0,
            "resources": [
              "message-a",
              "message-b"
            ]
          },
          {
            "resourceType": 1,
            "permissionType": 1,
            "resources": [
              "stream-a"
            ]
          },
          {
            "resourceType": 4,
            "permissionType": 0,
            "resources": [
              "user-a"
            ]
          }
        ],
        "privileges": {
          "1": 600
        }
      }
    ],
    "payloadHex": "2000f3e2cf3ef9fd02b64331e64c93edef7e2c1cdb564d144520b0f668d42ca6c9bb2000393730434133356465363063343436343562626165386132313530363162333347f410005802000001000000030003000200010058020000020058020000200037643732333635656239383334383533393765336533663964343630626464610a003238383233343132373306000200010058020000020058020000200037643732333635656239383334383533393765336533663964343630626464610a0032383832333431323733080001000100580200000900746573745f757365720300000001000000020009006d6573736167652d6109006d6573736167652d620100010001000100080073747265616d2d6104000100000001000600757365722d61"
  },
  {
    "id": "rtc-rtm-fpa-chat-apaas.zlib",
    "token": "007eJxTYHh8IPKzTvBdf9ce8bk7G61vs06oca1e815/ot4+x7rfjDIKDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYWIEkCxCD+ExgkhlMsoBJBQbzFHMjYzPT1CRLC2MTC1NjS/NU41TjNMsUEzODpJSURC4GIwsLI2MTQyNzYyagORCTkEVZ4KKsWOXZgWIQm1HF//8HAL01L5I=",
    "exactString": true,
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "issueTs": 1111111,
    "expire": 600,
    "salt": 1,
    "services": [
      {
        "type": 1,
        "channel": "7d72365eb983485397e3e3f9d460bdda",
        "privileges": {
          "1": 600,
          "2": 600,
          "3": 600,
          "4": 600
        },
        "uid": "2882341273"
      },
      {
        "type": 2,
        "userId": "2882341273",
        "privileges": {
          "1": 600
        }
      },
      {
        "type": 4,
        "privileges": {
          "1": 600
        }
      },
      {
        "type": 5,
        "userId": "2882341273",
        "privileges": {
          "1": 600
        }
      },
      {
        "type": 7,
        "roomUuid": "",
        "userUuid": "2882341273",
        "role": -1,
        "privileges": {
          "2": 600
        }
      }
    ],
    "payloadHex": "2000e3c059f32c53dd4f458c179db9813bdb05907c457bacef2f912ebe417efb011c2000393730434133356465363063343436343562626165386132313530363162333347f410005802000001000000050001000400010058020000020058020000030058020000040058020000200037643732333635656239383334383533393765336533663964343630626464610a0032383832333431323733020001000100580200000a003238383233343132373304000100010058020000050001000100580200000a00323838323334313237330700010002005802000000000a0032383832333431323733ffff"
  },
  {
    "id": "rtc-publisher-rtm.node",
    "token": "007eJxTYOAQsrQ5s3TfH+1tvy8zZZ46EpCc0V43JXdGd2jS8porKo4KDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYmBgYGVgYGMF8JjDJDCZZwKQCg3mKuZGxmWlqkqWFsYmFqbGleapxqnGaZYqJmUFSSkoiF4ORhYWRsYmhkbkxyCyISZwMJanFJfGlxalFACKnKng=",
    "exactString": false,
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "issueTs": 1111111,
    "expire": 600,
    "salt": 1,
    "services": [
      {
        "type": 1,
        "channel": "7d72365eb983485397e3e3f9d460bdda",
        "privileges": {
          "1": 600,
          "2": 600,
          "3": 600,
          "4": 600
        },
        "uid": "2882341273"
      },
      {
        "type": 2,
        "userId": "test_user",
        "privileges": {
          "1": 600
        }
      }
    ],
    "payloadHex": "20000812393ccca5befc2bb6fbd30269cac4506368877e946d988b5562a77cd424412000393730434133356465363063343436343562626165386132313530363162333347f410005802000001000000020001000400010058020000020058020000030058020000040058020000200037643732333635656239383334383533393765336533663964343630626464610a0032383832333431323733020001000100580200000900746573745f75736572"
  }
];

export const V006 = [
  {
    "id": "rtc-uid-join",
    "token": "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW",
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "channel": "7d72365eb983485397e3e3f9d460bdda",
    "uid": "2882341273",
    "salt": 1,
    "ts": 1111111,
    "privileges": {
      "1": 1446455471
    },
    "crcChannel": 276646071,
    "crcUid": 3847331927,
    "signatureHex": "95d1f654070fbbd9c5682fd7b218687743a3e88bc6e08f054b9f229227239747"
  },
  {
    "id": "rtc-uid0-join",
    "token": "006970CA35de60c44645bbae8a215061b33IACw1o7htY6ISdNRtku3p9tjTPi0jCKf9t49UHJhzCmL6bdIfRAAAAAAEAABAAAAR/QQAAEAAQCvKDdW",
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "channel": "7d72365eb983485397e3e3f9d460bdda",
    "uid": "",
    "salt": 1,
    "ts": 1111111,
    "privileges": {
      "1": 1446455471
    },
    "crcChannel": 276646071,
    "crcUid": 0,
    "signatureHex": "b0d68ee1b58e8849d351b64bb7a7db634cf8b48c229ff6de3d507261cc298be9"
  },
  {
    "id": "rtc-publisher-all-privileges",
    "token": "006970CA35de60c44645bbae8a215061b33IACMv3I+fsRSejxy6luEwzA/1t/zbEHWfJCJ5m8ssFP/fLdIfRBXoFHlIgABAAAAR/QQAAQAAQCvKDdWAgCvKDdWAwCvKDdWBACvKDdW",
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "channel": "7d72365eb983485397e3e3f9d460bdda",
    "uid": "2882341273",
    "salt": 1,
    "ts": 1111111,
    "privileges": {
      "1": 1446455471,
      "2": 1446455471,
      "3": 1446455471,
      "4": 1446455471
    },
    "crcChannel": 276646071,
    "crcUid": 3847331927,
    "signatureHex": "8cbf723e7ec4527a3c72ea5b84c3303fd6dff36c41d67c9089e66f2cb053ff7c"
  },
  {
    "id": "rtm-login",
    "token": "006970CA35de60c44645bbae8a215061b33IAAsR0qgiCxv0vrpRcpkz5BrbfEWCBZ6kvR6t7qG/wJIQob86ogAAAAAEAABAAAAR/QQAAEA6AOvKDdW",
    "appId": "970CA35de60c44645bbae8a215061b33",
    "appCertificate": "5CFd2fd1755d40ecb72977518be15d3b",
    "channel": "test_user",
    "uid": "",
    "salt": 1,
    "ts": 1111111,
    "privileges": {
      "1000": 1446455471
    },
    "crcChannel": 2297101446,
    "crcUid": 0,
    "signatureHex": "2c474aa0882c6fd2fae945ca64cf906b6df11608167a92f47ab7ba86ff024842"
  }
];
